package dev.keel.core;

import static dev.keel.core.Replies.error;
import static dev.keel.core.Replies.json;
import static dev.keel.core.Replies.result;
import static dev.keel.core.Replies.text;
import static dev.keel.core.Replies.toolCall;
import static dev.keel.core.Replies.toolCallWithProgress;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.client.McpClient;
import dev.keel.client.PendingRequest;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.JsonNode;

/** Requests run concurrently on their own virtual threads; cancellation and progress reach them. */
class ConcurrencyTest {

    private final Fixtures fixtures = new Fixtures();

    @Test
    void aSlowToolNeverDelaysPingOrAnotherCall() throws Exception {
        try (McpClient client = InProcessClient.connect(fixtures.server(), ProtocolVersion.V2025_11_25)) {
            PendingRequest blocked = client.send("tools/call", toolCall("block", Map.of()));
            assertThat(fixtures.blockStarted.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(client.request("ping", null)).isInstanceOf(Response.Success.class);
            assertThat(text(client.callTool("echo", json(Map.of("message", "fast")), null))).isEqualTo("fast");
            assertThat(blocked.isDone()).isFalse();

            fixtures.blockRelease.countDown();
            assertThat(result(blocked.response()).path("content").get(0).path("text").asString()).isEqualTo("released");
        }
    }

    @Test
    void callsCompleteOutOfOrder() {
        try (McpClient client = InProcessClient.connect(fixtures.server())) {
            PendingRequest slow = client.send("tools/call", toolCall("sleep", Map.of("ms", 400)));
            PendingRequest fast = client.send("tools/call", toolCall("sleep", Map.of("ms", 4)));

            fast.response();
            assertThat(slow.isDone()).isFalse();
            assertThat(slow.response()).isInstanceOf(Response.Success.class);
        }
    }

    @Test
    void cancellationInterruptsTheHandlerAndNoResponseFollows() throws Exception {
        try (McpClient client = InProcessClient.connect(fixtures.server())) {
            PendingRequest sleeping = client.send("tools/call", toolCall("sleep", Map.of("ms", 60_000)));
            client.cancel(sleeping.id(), "user pressed stop");

            assertThat(fixtures.sleepOutcomes.poll(5, TimeUnit.SECONDS)).isEqualTo("interrupted");
            assertThat(sleeping.await(Duration.ofMillis(300))).as("no response to the cancelled request").isEmpty();
            assertThat(text(client.callTool("echo", json(Map.of("message", "after")), null))).isEqualTo("after");
        }
    }

    @Test
    void aCancelledHandlerThreadEnds() throws Exception {
        McpServer server = fixtures.server();
        try (McpClient client = InProcessClient.connect(server)) {
            PendingRequest blocked = client.send("tools/call", toolCall("block", Map.of()));
            assertThat(fixtures.blockStarted.await(5, TimeUnit.SECONDS)).isTrue();
            Thread handler = fixtures.lastBlockThread;
            assertThat(handler).isNotNull();

            blocked.cancel("stop");

            assertThat(handler.join(Duration.ofSeconds(5))).as("the handler thread ended").isTrue();
            assertThat(blocked.await(Duration.ofMillis(200))).as("no response to the cancelled request").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_06_18"})
    void aHandlerThatPollsCancelledStopsWhenTheClientCancels(ProtocolVersion version) throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        BlockingQueue<Thread> handlers = new LinkedBlockingQueue<>();
        BlockingQueue<Long> stepsDone = new LinkedBlockingQueue<>();
        McpServer server = McpServer.builder()
                .tool(Tool.builder("crunch").build(), call -> {
                    handlers.add(Thread.currentThread());
                    long steps = 0;
                    // work in steps that no interrupt stops (parkNanos returns, it does not throw), asking between them
                    while (!call.cancelled()) {
                        steps++;
                        polling.countDown();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                    stepsDone.add(steps);
                    return CallToolResult.text("stopped after " + steps + " steps");
                })
                .build();
        try (McpClient client = InProcessClient.connect(server, version)) {
            PendingRequest crunching = client.send("tools/call", toolCall("crunch", Map.of()));
            assertThat(polling.await(5, TimeUnit.SECONDS)).isTrue();
            Thread handler = handlers.poll(5, TimeUnit.SECONDS);

            crunching.cancel("user pressed stop");

            assertThat(stepsDone.poll(5, TimeUnit.SECONDS)).as("the loop saw cancelled() and ended").isPositive();
            assertThat(handler.join(Duration.ofSeconds(5))).as("the handler thread ended").isTrue();
            assertThat(crunching.await(Duration.ofMillis(200))).as("no response to the cancelled request").isEmpty();
            assertThat(client.listTools()).as("the connection serves on").hasSize(1);
        }
    }

    @Test
    void progressIsSentOnlyWhenAskedAndOnlyUpwards() {
        List<Notification> notifications = new CopyOnWriteArrayList<>();
        try (McpClient client = InProcessClient.connect(fixtures.server(),
                InProcessClient.options().withVersion(ProtocolVersion.V2026_07_28).withNotifications(notifications::add))) {
            client.callTool("sleep", json(Map.of("ms", 8)), null);
            assertThat(notifications).isEmpty();

            Response reply = client.send("tools/call", toolCallWithProgress("sleep", Map.of("ms", 40), "tok-1")).response();
            assertThat(reply).isInstanceOf(Response.Success.class);

            List<Double> values = new ArrayList<>();
            for (Notification n : notifications) {
                JsonNode params = n.rawParams().tree();
                assertThat(n.method()).isEqualTo("notifications/progress");
                assertThat(params.path("progressToken").asString()).isEqualTo("tok-1");
                assertThat(params.path("total").asDouble()).isEqualTo(4.0);
                values.add(params.path("progress").asDouble());
            }
            assertThat(values).containsExactly(1.0, 2.0, 3.0, 4.0);
        }
    }

    @Test
    void requestsBeyondThePerConnectionCapAreRefusedAtOnce() throws Exception {
        McpServer server = fixtures.builder().maxInFlightPerChannel(2).build();
        try (McpClient client = InProcessClient.connect(server)) {
            PendingRequest first = client.send("tools/call", toolCall("block", Map.of()));
            PendingRequest second = client.send("tools/call", toolCall("block", Map.of()));
            Response third = client.request("tools/call", toolCall("echo", Map.of("message", "x")));

            assertThat(error(third).code()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
            assertThat(error(third).message()).contains("Server busy").contains("2 requests");

            fixtures.blockRelease.countDown();
            assertThat(first.response()).isInstanceOf(Response.Success.class);
            assertThat(second.response()).isInstanceOf(Response.Success.class);
            assertThat(text(client.callTool("echo", json(Map.of("message", "room again")), null))).isEqualTo("room again");
        }
    }

    @Test
    void aHundredConcurrentCallsAllComplete() {
        try (McpClient client = InProcessClient.connect(fixtures.server())) {
            List<PendingRequest> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(client.send("tools/call", toolCall("sleep", Map.of("ms", 100))));
            }
            for (PendingRequest call : calls) {
                assertThat(call.response()).isInstanceOf(Response.Success.class);
            }
        }
    }
}
