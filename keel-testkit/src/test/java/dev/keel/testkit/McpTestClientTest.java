package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.JsonNode;

/** The test client itself: it catches a server that breaks the schema, and keeps raw answers apart from its own. */
class McpTestClientTest {

    /** A server that answers each message as {@code answer} says (nothing for {@code null}). */
    private static Connection scripted(Function<JsonNode, String> answer) {
        return new Connection() {
            private volatile Consumer<byte[]> client;

            @Override
            public void start(Consumer<byte[]> onMessage) {
                client = onMessage;
            }

            @Override
            public void send(byte[] message) {
                String reply = answer.apply(Fixtures.JSON.readTree(message));
                if (reply != null) {
                    client.accept(reply.getBytes(StandardCharsets.UTF_8));
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aServerMessageThatBreaksItsSchemaFailsTheClientsCall() {
        Connection breaking = scripted(message -> "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id")
                + ",\"result\":{\"tools\":7}}");
        McpTestClient client = McpTestClient.builder().version(ProtocolVersion.V2026_07_28).connect(breaking);

        assertThatThrownBy(() -> client.request("tools/list", null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("violates the schema").hasMessageContaining("\"tools\":7");
        assertThatThrownBy(client::close).as("and so does closing").isInstanceOf(AssertionError.class);
    }

    @Test
    void withoutValidationTheSameMessageIsTheReply() {
        Connection breaking = scripted(message -> "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id")
                + ",\"result\":{\"tools\":7}}");
        try (McpTestClient client = McpTestClient.builder().validate(false).connect(breaking)) {
            assertThat(client.request("tools/list", null).result().path("tools").asInt()).isEqualTo(7);
        }
    }

    @Test
    void rawAnswersGoToTheTapAndTheClientsOwnToTheClient() throws Exception {
        Fixtures fixtures = new Fixtures();
        try (McpTestClient client = McpTestClient.connect(fixtures.server(), ProtocolVersion.V2025_11_25)) {
            McpTestClient.RequestHandle blocked = client.startTool("block", Map.of());
            assertThat(fixtures.blockStarted.await(5, TimeUnit.SECONDS)).isTrue();

            Reply raw = client.raw().send("{\"jsonrpc\":\"2.0\",\"id\":\"mine\",\"method\":\"ping\"}");
            assertThat(raw.id().asString()).isEqualTo("mine");
            client.raw().sendExpectingSilence("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}",
                    Duration.ofMillis(100));

            fixtures.blockRelease.countDown();
            assertThat(blocked.reply().result().path("content").get(0).path("text").asString()).isEqualTo("released");
        }
    }

    @Test
    void bytesThatAreNotUtf8AreSentAsTheyAre() {
        byte[] notUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server())) {
            Reply reply = client.raw().send(notUtf8);
            assertThat(reply.errorCode()).isEqualTo(JsonRpcError.PARSE_ERROR);
            assertThat(client.callTool("echo", Map.of("message", "next")).text()).isEqualTo("next");
        }
    }
}
