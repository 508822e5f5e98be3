package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.ProtocolVersion;

/** The seed's table-driven TestToolExecution, in both eras. */
class ToolExecutionTest {

    static Stream<Arguments> cases() {
        Stream<Object[]> rows = Stream.of(
                new Object[] {"successful execution", "echo", Map.of("message", "hello"), "hello", null, null},
                new Object[] {"missing required parameter", "echo", Map.of(), null, "message is required", null},
                new Object[] {"tool not found", "nonexistent", Map.of(), null, null, JsonRpcError.INVALID_PARAMS},
                new Object[] {"tool execution error", "failing_tool", Map.of(), null, null, JsonRpcError.INTERNAL_ERROR},
                new Object[] {"protocol fault from a tool", "refusing_tool", Map.of(), null, null,
                        JsonRpcError.INVALID_PARAMS});
        return rows.flatMap(row -> Stream.of(ProtocolVersion.V2026_07_28, ProtocolVersion.V2024_11_05)
                .map(version -> Arguments.of(row[0], version, row[1], row[2], row[3], row[4], row[5])));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("cases")
    void toolExecution(String name, ProtocolVersion version, String tool, Map<String, Object> arguments,
            String wantText, String wantToolError, Integer wantCode) {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), version)) {
            Reply reply = client.callToolReply(tool, arguments);

            if (wantCode != null) {
                assertThat(reply.errorCode()).isEqualTo(wantCode);
                assertThat(reply.errorMessage()).doesNotContain("secret internals");
            } else {
                McpTestClient.ToolResult result = new McpTestClient.ToolResult(
                        reply.result(dev.keel.spec.CallToolResult.class));
                assertThat(result.isError()).isEqualTo(wantToolError != null);
                assertThat(result.text()).isEqualTo(wantText != null ? wantText : wantToolError + " and must be a string");
            }
        }
    }
}
