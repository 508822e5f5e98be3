package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.keel.spec.CallToolResult;
import tools.jackson.databind.JsonNode;

/** The in-process connection: bytes straight into the engine, answers straight back, no transport. */
class InProcessConnectionTest {

    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private JsonNode nextAnswer() throws InterruptedException {
        String answer = answers.poll(5, TimeUnit.SECONDS);
        assertThat(answer).as("an answer within five seconds").isNotNull();
        return Replies.JSON.readTree(answer);
    }

    private InProcessConnection open(McpServer server, Map<CallContext.Key<?>, Object> attributes) {
        return InProcessConnection.open(server, bytes -> answers.add(new String(bytes, StandardCharsets.UTF_8)), attributes);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMessageGoesStraightToTheEngineAndItsAnswerToTheConsumer() throws Exception {
        try (InProcessConnection connection = open(new Fixtures().server(), Map.of())) {
            connection.send(bytes("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"hi\"}," + META + "}}"));
            JsonNode answer = nextAnswer();
            assertThat(answer.path("id").asInt()).isEqualTo(7);
            assertThat(answer.path("result").path("content").get(0).path("text").asString()).isEqualTo("hi");

            connection.send(bytes("{oops"));
            assertThat(nextAnswer().path("error").path("code").asInt()).as("bad input is answered as over a wire")
                    .isEqualTo(-32700);
        }
    }

    @Test
    void theConnectionsAttributesReachEveryRequest() throws Exception {
        CallContext.Key<String> origin = CallContext.Key.of("test.origin", String.class);
        McpServer server = McpServer.builder()
                .tool(Tool.builder("where").build(), call -> CallToolResult.text(call.context().get(origin)))
                .build();
        try (InProcessConnection connection = open(server, Map.of(origin, "in-process"))) {
            connection.send(bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"where\","
                    + META + "}}"));
            assertThat(nextAnswer().path("result").path("content").get(0).path("text").asString()).isEqualTo("in-process");
        }
    }

    @Test
    void closingCancelsWhatRunsAndLaterMessagesAreDropped() throws Exception {
        Fixtures fixtures = new Fixtures();
        InProcessConnection connection = open(fixtures.server(), Map.of());
        connection.send(bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"block\","
                + META + "}}"));
        assertThat(fixtures.blockStarted.await(5, TimeUnit.SECONDS)).isTrue();

        connection.close();

        assertThat(fixtures.lastBlockThread.join(Duration.ofSeconds(5))).as("the handler was interrupted and ended").isTrue();
        answers.clear();
        connection.send(bytes("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}"));
        assertThat(answers.poll(200, TimeUnit.MILLISECONDS)).as("nothing answers after close").isNull();
    }
}
