package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

/**
 * Every official example of a client request, sent as it is to a running server: whatever the
 * server answers (a result, or an error for a tool it does not have) must be valid for 2026-07-28.
 */
class OfficialRequestExamplesTest {

    /** The request types a client sends to a server (the input requests go the other way). */
    private static final List<String> CLIENT_REQUESTS = List.of("CallToolRequest", "CompleteRequest",
            "DiscoverRequest", "GetPromptRequest", "ListPromptsRequest", "ListResourceTemplatesRequest",
            "ListResourcesRequest", "ListToolsRequest", "ReadResourceRequest", "SubscriptionsListenRequest");

    static Stream<Path> examples() throws Exception {
        Path root = Path.of(McpSchemas.class.getResource("schema/2026-07-28/examples").toURI());
        return CLIENT_REQUESTS.stream().flatMap(type -> {
            try {
                return Files.list(root.resolve(type)).sorted();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theServerAnswersEveryOfficialRequestExampleValidly(Path example) throws Exception {
        String request = Files.readString(example);
        JsonNode id = Fixtures.JSON.readTree(request).get("id");
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server())) {
            if (example.getParent().getFileName().toString().equals("SubscriptionsListenRequest")) {
                // a listen request is answered by a stream, acknowledged first, not by a response
                client.raw().sendExpectingSilence(request, java.time.Duration.ofMillis(100));
                JsonNode ack = client.awaitNotification(n -> n.path("method").asString()
                        .equals("notifications/subscriptions/acknowledged"));
                assertThat(ack.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId")).isEqualTo(id);
            } else {
                Reply reply = client.raw().send(request);
                assertThat(reply.id()).isEqualTo(id);
            }
            client.assertNoViolations();
        }
    }
}
