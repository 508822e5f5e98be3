package dev.keel.testkit;

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

import dev.keel.core.ArgumentRules;
import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.jsonrpc.JsonRpcError;
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
        try (McpTestClient client = McpTestClient.connect(server())) {
            McpTestClient.ToolResult result = client.callTool("read", Map.of("path", path));
            assertThat(result.isError()).isEqualTo(!allowed);
            if (!allowed) {
                assertThat(result.text()).isEqualTo(
                        "Invalid arguments for tool read: path: must name a path inside the allowed directory");
            }
        }
    }

    @Test
    void aPrefixOfTheBaseIsNotInsideIt() {
        // "/…/data-evil" starts with the string "/…/data" but is not inside it
        try (McpTestClient client = McpTestClient.connect(server())) {
            assertThat(client.callTool("read", Map.of("path", tmp.resolve("data-evil/secret.txt").toString()))
                    .isError()).isTrue();
        }
    }

    @Test
    void eachRuleNamesItsArgument() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            assertThat(client.callTool("read", Map.of("mode", "exec")).text()).endsWith("mode: must be one of [text, binary]");
            assertThat(client.callTool("read", Map.of("name", "waytoolongname")).text())
                    .endsWith("name: must be 1 to 8 characters long, was 14");
            assertThat(client.callTool("read", Map.of("name", "ABC")).text()).endsWith("name: must match the pattern [a-z]+");
            assertThat(client.callTool("read", Map.of("limit", 1000)).text()).endsWith("limit: must be a number from 1 to 100");
            assertThat(client.callTool("read", Map.of("mode", "text", "name", "abc", "limit", 5)).text()).isEqualTo("ok");
        }
    }

    @Test
    void ruleFailuresAreInvalidParamsBefore2025_11_25() {
        try (McpTestClient client = McpTestClient.connect(server(), ProtocolVersion.V2025_06_18)) {
            Reply reply = client.callToolReply("read", Map.of("path", "../x"));
            assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(reply.errorData().path("violations").get(0).path("path").asString()).isEqualTo("path");
        }
    }
}
