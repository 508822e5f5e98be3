package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Inbound;
import dev.keel.core.spi.MessageSink;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;

/** A call past its deadline: the timeout answer travels back up the chain, where middleware see it. */
class DeadlinesTest {

    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private final BlockingQueue<Response> observed = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> wire = new LinkedBlockingQueue<>();
    private final CountDownLatch interrupted = new CountDownLatch(1);

    private McpServer server(Tool<?, ?> tool, ToolHandler<tools.jackson.databind.JsonNode, CallToolResult> handler) {
        @SuppressWarnings("unchecked")
        Tool<tools.jackson.databind.JsonNode, CallToolResult> typed = (Tool<tools.jackson.databind.JsonNode, CallToolResult>) tool;
        return McpServer.builder()
                .middleware(Middleware.named("observer", (call, chain) -> {
                    Response response = chain.proceed(call);
                    observed.add(response);
                    return response;
                }))
                .tool(typed, handler)
                .build();
    }

    private void call(McpServer server, String tool) {
        MessageSink sink = message -> wire.add(new String(message, StandardCharsets.UTF_8));
        Channel channel = server.connector().open(sink, Map.of());
        channel.receive(Inbound.of(server.codec().decode(("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"" + tool + "\"," + META + "}}").getBytes(StandardCharsets.UTF_8)), sink));
    }

    @Test
    void aMiddlewareSeesTheTimeoutAnswerOfACallPastItsDeadline() throws Exception {
        McpServer server = server(Tool.builder("slow").timeout(Duration.ofMillis(100)).build(), call -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return CallToolResult.text("never");
        });
        call(server, "slow");
        Response response = observed.poll(10, TimeUnit.SECONDS);
        assertThat(response).isInstanceOfSatisfying(Response.Success.class, success -> {
            CallToolResult result = (CallToolResult) success.result();
            assertThat(result.failed()).isTrue();
            assertThat(result.toString()).contains("Tool 'slow' did not finish within 100 ms and was stopped");
        });
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the handler was interrupted").isTrue();
        String answer = wire.poll(10, TimeUnit.SECONDS);
        assertThat(answer).contains("did not finish within 100 ms").contains("io.modelcontextprotocol/serverInfo");
        server.close();
    }

    @Test
    void aHandlerThatIgnoresItsInterruptDoesNotKeepTheClientWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        McpServer server = server(Tool.builder("stubborn").timeout(Duration.ofMillis(100)).build(), call -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // a handler that will not stop: the engine must answer without it
                }
            }
            return CallToolResult.text("late");
        });
        call(server, "stubborn");
        String answer = wire.poll(10, TimeUnit.SECONDS);
        assertThat(answer).as("answered while the handler still runs").contains("did not finish within 100 ms");
        assertThat(observed).as("the handler has not returned").isEmpty();
        release.countDown();
        Response late = observed.poll(10, TimeUnit.SECONDS);
        assertThat(late).as("once it returns, the chain sees the timeout answer too").isInstanceOfSatisfying(
                Response.Success.class, success -> assertThat(success.result().toString()).contains("did not finish"));
        assertThat(wire.poll(200, TimeUnit.MILLISECONDS)).as("the client got one answer").isNull();
        server.close();
    }
}
