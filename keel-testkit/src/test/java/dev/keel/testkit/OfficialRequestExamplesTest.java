package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server())) {
            Reply reply = client.sendRaw(request);
            assertThat(reply.id()).isEqualTo(Fixtures.JSON.readTree(request).get("id"));
            client.assertNoViolations();
        }
    }
}
