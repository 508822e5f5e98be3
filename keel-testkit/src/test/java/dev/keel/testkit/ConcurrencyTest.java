package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.JsonNode;

/** Requests run concurrently on their own virtual threads; cancellation and progress reach them. */
class ConcurrencyTest {

    private final Fixtures fixtures = new Fixtures();

    @Test
    void aSlowToolNeverDelaysPingOrAnotherCall() throws Exception {
        try (McpTestClient client = McpTestClient.connect(fixtures.server(), ProtocolVersion.V2025_11_25)) {
            McpTestClient.RequestHandle blocked = client.startTool("block", Map.of());
            assertThat(fixtures.blockStarted.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(client.ping().isError()).isFalse();
            assertThat(client.callTool("echo", Map.of("message", "fast")).text()).isEqualTo("fast");
            assertThat(blocked.answered()).isFalse();

            fixtures.blockRelease.countDown();
            assertThat(blocked.reply().result().path("content").get(0).path("text").asString()).isEqualTo("released");
        }
    }

    @Test
    void callsCompleteOutOfOrder() {
        try (McpTestClient client = McpTestClient.connect(fixtures.server())) {
            McpTestClient.RequestHandle slow = client.startTool("sleep", Map.of("ms", 400));
            McpTestClient.RequestHandle fast = client.startTool("sleep", Map.of("ms", 4));

            fast.reply();
            assertThat(slow.answered()).isFalse();
            assertThat(slow.reply().isError()).isFalse();
        }
    }

    @Test
    void cancellationInterruptsTheHandlerAndNoResponseFollows() throws Exception {
        try (McpTestClient client = McpTestClient.connect(fixtures.server())) {
            McpTestClient.RequestHandle sleeping = client.startTool("sleep", Map.of("ms", 60_000));
            client.cancel(sleeping.id(), "user pressed stop");

            assertThat(fixtures.sleepOutcomes.poll(5, TimeUnit.SECONDS)).isEqualTo("interrupted");
            sleeping.assertNoReplyWithin(Duration.ofMillis(300));
            assertThat(client.callTool("echo", Map.of("message", "after")).text()).isEqualTo("after");
        }
    }

    @Test
    void aCancelledHandlerThreadEnds() throws Exception {
        McpServer server = fixtures.server();
        try (McpTestClient client = McpTestClient.connect(server)) {
            McpTestClient.RequestHandle blocked = client.startTool("block", Map.of());
            assertThat(fixtures.blockStarted.await(5, TimeUnit.SECONDS)).isTrue();
            Thread handler = Fixtures.lastBlockThread;
            assertThat(handler).isNotNull();

            blocked.cancel("stop");

            assertThat(handler.join(Duration.ofSeconds(5))).as("the handler thread ended").isTrue();
            blocked.assertNoReplyWithin(Duration.ofMillis(200));
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
        try (McpTestClient client = McpTestClient.connect(server, version)) {
            McpTestClient.RequestHandle crunching = client.startTool("crunch", Map.of());
            assertThat(polling.await(5, TimeUnit.SECONDS)).isTrue();
            Thread handler = handlers.poll(5, TimeUnit.SECONDS);

            crunching.cancel("user pressed stop");

            assertThat(stepsDone.poll(5, TimeUnit.SECONDS)).as("the loop saw cancelled() and ended").isPositive();
            assertThat(handler.join(Duration.ofSeconds(5))).as("the handler thread ended").isTrue();
            crunching.assertNoReplyWithin(Duration.ofMillis(200));
            assertThat(client.listTools().tools()).as("the connection serves on").hasSize(1);
        }
    }

    @Test
    void progressIsSentOnlyWhenAskedAndOnlyUpwards() {
        try (McpTestClient client = McpTestClient.connect(fixtures.server())) {
            client.callTool("sleep", Map.of("ms", 8));
            assertThat(client.notifications()).isEmpty();

            Reply reply = client.startToolWithProgress("sleep", Map.of("ms", 40), "tok-1").reply();
            assertThat(reply.isError()).isFalse();

            List<Double> values = new ArrayList<>();
            for (JsonNode n : client.notifications()) {
                assertThat(n.path("method").asString()).isEqualTo("notifications/progress");
                assertThat(n.path("params").path("progressToken").asString()).isEqualTo("tok-1");
                assertThat(n.path("params").path("total").asDouble()).isEqualTo(4.0);
                values.add(n.path("params").path("progress").asDouble());
            }
            assertThat(values).containsExactly(1.0, 2.0, 3.0, 4.0);
        }
    }

    @Test
    void requestsBeyondThePerConnectionCapAreRefusedAtOnce() throws Exception {
        McpServer server = fixtures.builder().maxInFlightPerChannel(2).build();
        try (McpTestClient client = McpTestClient.connect(server)) {
            McpTestClient.RequestHandle first = client.startTool("block", Map.of());
            McpTestClient.RequestHandle second = client.startTool("block", Map.of());
            Reply third = client.callToolReply("echo", Map.of("message", "x"));

            assertThat(third.errorCode()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
            assertThat(third.errorMessage()).contains("Server busy").contains("2 requests");

            fixtures.blockRelease.countDown();
            assertThat(first.reply().isError()).isFalse();
            assertThat(second.reply().isError()).isFalse();
            assertThat(client.callTool("echo", Map.of("message", "room again")).text()).isEqualTo("room again");
        }
    }

    @Test
    void aHundredConcurrentCallsAllComplete() {
        try (McpTestClient client = McpTestClient.connect(fixtures.server())) {
            List<McpTestClient.RequestHandle> handles = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                handles.add(client.startTool("sleep", Map.of("ms", 100)));
            }
            for (McpTestClient.RequestHandle handle : handles) {
                assertThat(handle.reply().isError()).isFalse();
            }
        }
    }
}
