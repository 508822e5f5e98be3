package dev.keel.core;

import static dev.keel.core.Replies.error;
import static dev.keel.core.Replies.errorData;
import static dev.keel.core.Replies.json;
import static dev.keel.core.Replies.text;
import static dev.keel.core.Replies.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.keel.client.McpClient;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;

/** The seed's Validator done right: rules per argument, each failure naming the argument. */
class ArgumentRulesTest {

    @TempDir
    static Path tmp;
    static Path base;

    @BeforeAll
    static void layout() throws Exception {
        base = Files.createDirectories(tmp.resolve("data"));
        Files.createDirectories(base.resolve("docs"));
        Files.writeString(base.resolve("docs/readme.txt"), "hello");
        Path outside = Files.createDirectories(tmp.resolve("data-evil"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(base.resolve("escape"), outside);
        Files.createSymbolicLink(base.resolve("docs/up"), tmp);
        Files.createSymbolicLink(base.resolve("inner"), base.resolve("docs"));
        Files.createSymbolicLink(base.resolve("dangling"), tmp.resolve("nowhere"));
    }

    private static McpServer server() {
        return McpServer.builder()
                .tool(Tool.builder("read").rule("path", ArgumentRules.pathWithin(base))
                                .rule("mode", ArgumentRules.oneOf("text", "binary"))
                                .rule("name", ArgumentRules.length(1, 8))
                                .rule("name", ArgumentRules.pattern("[a-z]+"))
                                .rule("limit", ArgumentRules.range(1, 100))
                                .inputSchema("{\"type\":\"object\"}").build(),
                        call -> CallToolResult.text("ok"))
                .build();
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("docs/readme.txt", true),
                Arguments.of("./docs/../docs/readme.txt", true),
                Arguments.of("inner/readme.txt", true),
                Arguments.of("new/file/not/yet.txt", true),
                Arguments.of("../data-evil/secret.txt", false),
                Arguments.of("../../../../etc/passwd", false),
                Arguments.of("/etc/passwd", false),
                Arguments.of("escape/secret.txt", false),
                Arguments.of("escape", false),
                Arguments.of("docs/up/data-evil/secret.txt", false),
                Arguments.of("dangling", false),
                Arguments.of("docs/\u0000/readme.txt", false),
                Arguments.of("", false));
    }

    @ParameterizedTest(name = "{0} allowed: {1}")
    @MethodSource("paths")
    void pathsMustStayInsideTheBaseAfterResolvingDotsAndLinks(String path, boolean allowed) {
        try (McpClient client = InProcessClient.connect(server())) {
            CallToolResult result = client.callTool("read", json(Map.of("path", path)), null);
            assertThat(result.failed()).isEqualTo(!allowed);
            if (!allowed) {
                assertThat(text(result)).isEqualTo(
                        "Invalid arguments for tool read: path: must name a path inside the allowed directory");
            }
        }
    }

    @Test
    void aPrefixOfTheBaseIsNotInsideIt() {
        // "/…/data-evil" starts with the string "/…/data" but is not inside it
        try (McpClient client = InProcessClient.connect(server())) {
            assertThat(client.callTool("read", json(Map.of("path", tmp.resolve("data-evil/secret.txt").toString())), null)
                    .failed()).isTrue();
        }
    }

    @Test
    void eachRuleNamesItsArgument() {
        try (McpClient client = InProcessClient.connect(server())) {
            assertThat(read(client, Map.of("mode", "exec"))).endsWith("mode: must be one of [text, binary]");
            assertThat(read(client, Map.of("name", "waytoolongname"))).endsWith("name: must be 1 to 8 characters long, was 14");
            assertThat(read(client, Map.of("name", "ABC"))).endsWith("name: must match the pattern [a-z]+");
            assertThat(read(client, Map.of("limit", 1000))).endsWith("limit: must be a number from 1 to 100");
            assertThat(read(client, Map.of("mode", "text", "name", "abc", "limit", 5))).isEqualTo("ok");
        }
    }

    @Test
    void ruleFailuresAreInvalidParamsBefore2025_11_25() {
        try (McpClient client = InProcessClient.connect(server(), ProtocolVersion.V2025_06_18)) {
            Response reply = client.request("tools/call", toolCall("read", Map.of("path", "../x")));
            assertThat(error(reply).code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(errorData(reply).path("violations").get(0).path("path").asString()).isEqualTo("path");
        }
    }

    /** The text {@code read} answers with {@code arguments}. */
    private static String read(McpClient client, Map<String, Object> arguments) {
        return text(client.callTool("read", json(arguments), null));
    }
}
