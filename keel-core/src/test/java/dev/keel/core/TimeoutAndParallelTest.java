package dev.keel.core;

import static dev.keel.core.Replies.error;
import static dev.keel.core.Replies.json;
import static dev.keel.core.Replies.result;
import static dev.keel.core.Replies.text;
import static dev.keel.core.Replies.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.client.McpClient;
import dev.keel.client.PendingRequest;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.TextResourceContents;

/** Timeouts really stop the work; calls on one connection run in parallel. */
class TimeoutAndParallelTest {

    private final BlockingQueue<Thread> handlerThreads = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> deadlines = new LinkedBlockingQueue<>();

    private McpServer server() {
        return McpServer.builder()
                .requestTimeout(Duration.ofMillis(300))
                .tool(Tool.builder("stuck").timeout(Duration.ofMillis(200)).build(), call -> {
                    handlerThreads.add(Thread.currentThread());
                    deadlines.add(call.deadline().orElseThrow());
                    new CountDownLatch(1).await();
                    return CallToolResult.text("never");
                })
                .tool(Tool.builder("nap").inputSchema("{\"type\":\"object\"}").build(), call -> {
                    Thread.sleep(call.arguments().path("ms").asLong());
                    return CallToolResult.text("rested");
                })
                .resource(Resource.of("mem://slow", "slow", null, null), call -> {
                    handlerThreads.add(Thread.currentThread());
                    Thread.sleep(60_000);
                    return ReadResourceResult.of(TextResourceContents.of(call.uri(), null, "late"));
                })
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_03_26"})
    void aToolPastItsTimeoutIsStoppedAndTheClientToldAndTheThreadEnds(ProtocolVersion version) throws Exception {
        try (McpClient client = InProcessClient.connect(server(), version)) {
            CallToolResult result = client.callTool("stuck", json(Map.of()), null);

            assertThat(result.failed()).isTrue();
            assertThat(text(result)).isEqualTo("Tool 'stuck' did not finish within 200 ms and was stopped");
            Thread handler = handlerThreads.poll(5, TimeUnit.SECONDS);
            assertThat(handler.join(Duration.ofSeconds(5))).as("the handler thread ended").isTrue();
            assertThat(deadlines.poll()).isNotNull();
            assertThat(text(client.callTool("nap", json(Map.of("ms", 1)), null))).isEqualTo("rested");
        }
    }

    @Test
    void theServerDefaultTimeoutStopsResourceReadsToo() throws Exception {
        try (McpClient client = InProcessClient.connect(server())) {
            Response reply = client.request("resources/read", json(Map.of("uri", "mem://slow")));
            assertThat(error(reply).code()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
            assertThat(error(reply).message()).isEqualTo("resources/read did not finish within 300 ms and was stopped");
            assertThat(handlerThreads.poll(5, TimeUnit.SECONDS).join(Duration.ofSeconds(5))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2024_11_05"})
    void twoHundredCallsRunAtOnceOnOneConnection(ProtocolVersion version) throws Exception {
        CountDownLatch allRunning = new CountDownLatch(200);
        McpServer server = McpServer.builder()
                .tool(Tool.builder("rendezvous").build(), call -> {
                    allRunning.countDown();
                    // returns only once all 200 handlers are running at the same time
                    return CallToolResult.text(allRunning.await(10, TimeUnit.SECONDS) ? "together" : "alone");
                })
                .build();
        try (McpClient client = InProcessClient.connect(server, version)) {
            List<PendingRequest> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(client.send("tools/call", toolCall("rendezvous", Map.of())));
            }
            for (PendingRequest call : calls) {
                assertThat(result(call.response()).path("content").get(0).path("text").asString()).isEqualTo("together");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_06_18"})
    void twoHundredCallsOfATwoHundredMillisecondToolAllAnswerWellUnderASecond(ProtocolVersion version) {
        try (McpClient client = InProcessClient.connect(server(), version)) {
            long start = System.nanoTime();
            List<PendingRequest> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(client.send("tools/call", toolCall("nap", Map.of("ms", 200))));
            }
            calls.forEach(call -> assertThat(call.response()).isInstanceOf(Response.Success.class));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            // one after another they would take 40 s; the issue asks for all of them well under a second
            assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
        }
    }
}
