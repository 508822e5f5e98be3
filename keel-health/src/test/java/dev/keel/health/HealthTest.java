package dev.keel.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.transport.http.HttpTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HealthTest {

    private final AtomicBoolean databaseUp = new AtomicBoolean(true);

    private Health health() {
        return Health.builder().checkTimeout(Duration.ofMillis(300))
                .check(HealthCheck.of("database", Set.of(HealthCheck.Probe.READINESS),
                        () -> databaseUp.get() ? HealthCheck.Result.up("3 connections") : HealthCheck.Result.down("refused")))
                .check(HealthCheck.of("heap", Set.of(HealthCheck.Probe.LIVENESS), () -> HealthCheck.Result.up("ok")))
                .build();
    }

    @Test
    void readinessFollowsTheLifecycleAndTheChecks() {
        Health health = health();
        assertThat(health.readiness().up()).as("not ready while starting").isFalse();
        assertThat(health.liveness().up()).isTrue();
        health.started();
        assertThat(health.readiness().up()).isTrue();
        databaseUp.set(false);
        Health.Report down = health.readiness();
        assertThat(down.up()).isFalse();
        assertThat(down.checks().get("database").detail()).isEqualTo("refused");
        assertThat(health.liveness().up()).as("liveness does not run readiness checks").isTrue();
        databaseUp.set(true);
        health.draining();
        assertThat(health.readiness().up()).as("not ready while draining").isFalse();
        assertThat(health.readiness().toJson()).contains("\"status\":\"DOWN\"", "\"state\":\"DRAINING\"",
                "\"database\":{\"status\":\"UP\"");
    }

    @Test
    void checksRunInParallelEachUnderItsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        Health health = Health.builder().checkTimeout(Duration.ofMillis(200))
                .check(HealthCheck.of("stuck", Set.of(HealthCheck.Probe.READINESS), () -> {
                    never.await();
                    return HealthCheck.Result.up("unreachable");
                }))
                .check(HealthCheck.of("also-stuck", Set.of(HealthCheck.Probe.READINESS), () -> {
                    never.await();
                    return HealthCheck.Result.up("unreachable");
                }))
                .check(HealthCheck.of("throws", Set.of(HealthCheck.Probe.READINESS), () -> {
                    throw new IllegalStateException("broken pipe");
                }))
                .build();
        health.started();
        long start = System.nanoTime();
        Health.Report report = health.readiness();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(report.up()).isFalse();
        assertThat(report.checks().get("stuck").detail()).contains("did not answer within 200 ms");
        assertThat(report.checks().get("throws").detail()).isEqualTo("broken pipe");
        assertThat(tookMs).as("both stuck checks waited out together, not one after the other").isLessThan(2000);
    }

    @Test
    void theEndpointsAnswer200Or503() throws Exception {
        Health health = health();
        HttpTransport http = HttpTransport.builder().port(0).mount("/health/*", new HealthEndpoint(health)).build();
        McpServer server = McpServer.builder().build();
        http.start(server);
        try (HttpClient client = HttpClient.newHttpClient()) {
            URI base = URI.create("http://127.0.0.1:" + http.port());
            HttpResponse<String> starting = client.send(HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).contains("\"state\":\"STARTING\"");
            health.started();
            assertThat(client.send(HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> live = client.send(HttpRequest.newBuilder(base.resolve("/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).contains("\"heap\"");
        } finally {
            http.stop(Duration.ofSeconds(1));
        }
        try (HealthEndpoint.Management management = HealthEndpoint.serve(health, "127.0.0.1", 0);
                HttpClient client = HttpClient.newHttpClient()) {
            health.draining();
            HttpResponse<String> draining = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + management.port() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(draining.statusCode()).isEqualTo(503);
        }
    }

    @Test
    void theReadinessJsonCarriesEachChecksStatusAndDuration() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Health health = Health.builder().checkTimeout(Duration.ofSeconds(1))
                .check(HealthCheck.of("database", Set.of(HealthCheck.Probe.READINESS),
                        () -> HealthCheck.Result.up("3 connections")))
                .check(HealthCheck.of("cache", Set.of(HealthCheck.Probe.READINESS), () -> {
                    Thread.sleep(100);  // what the check costs, so that its duration says something
                    return HealthCheck.Result.up("warm");
                }))
                .check(HealthCheck.of("queue", Set.of(HealthCheck.Probe.READINESS),
                        () -> HealthCheck.Result.down("broker unreachable")))
                .check(HealthCheck.of("stuck", Set.of(HealthCheck.Probe.READINESS), () -> {
                    never.await();
                    return HealthCheck.Result.up("unreachable");
                }))
                .check(HealthCheck.of("heap", Set.of(HealthCheck.Probe.LIVENESS), () -> HealthCheck.Result.up("ok")))
                .build();
        health.started();
        HttpTransport http = HttpTransport.builder().port(0).mount("/health/*", new HealthEndpoint(health)).build();
        http.start(McpServer.builder().build());
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.port() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as("a readiness check is down").isEqualTo(503);
            assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode report = JsonMapper.builder().build().readTree(ready.body());
            assertThat(report.path("status").asString()).isEqualTo("DOWN");
            assertThat(report.path("state").asString()).isEqualTo("READY");
            JsonNode checks = report.path("checks");
            assertThat(checks.propertyNames()).as("the readiness checks, in order, and no liveness check")
                    .containsExactly("database", "cache", "queue", "stuck");
            for (String name : List.of("database", "cache", "queue", "stuck")) {
                assertThat(checks.path(name).path("status").asString()).as(name).isIn("UP", "DOWN");
                assertThat(checks.path(name).path("durationMs").isIntegralNumber()).as(name).isTrue();
                assertThat(checks.path(name).path("durationMs").asLong()).as(name).isBetween(0L, 1000L);
            }
            assertThat(checks.path("database").path("status").asString()).isEqualTo("UP");
            assertThat(checks.path("database").path("detail").asString()).isEqualTo("3 connections");
            assertThat(checks.path("cache").path("status").asString()).isEqualTo("UP");
            assertThat(checks.path("cache").path("durationMs").asLong()).as("it took at least its 100 ms")
                    .isGreaterThanOrEqualTo(100L);
            assertThat(checks.path("queue").path("status").asString()).isEqualTo("DOWN");
            assertThat(checks.path("queue").path("detail").asString()).isEqualTo("broker unreachable");
            assertThat(checks.path("stuck").path("status").asString()).isEqualTo("DOWN");
            assertThat(checks.path("stuck").path("durationMs").asLong()).as("it ran out its timeout").isEqualTo(1000L);
            assertThat(checks.path("stuck").path("detail").asString()).isEqualTo("did not answer within 1000 ms");
        } finally {
            http.stop(Duration.ofSeconds(1));
        }
    }
}
