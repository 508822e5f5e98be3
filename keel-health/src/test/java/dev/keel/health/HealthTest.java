package dev.keel.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.transport.http.HttpTransport;

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
}
