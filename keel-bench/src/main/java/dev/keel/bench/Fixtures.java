package dev.keel.bench;

import java.nio.charset.StandardCharsets;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;

/** What every benchmark measures against: the {@code echo} tool and the request that calls it. */
final class Fixtures {

    static final String ECHO_SCHEMA = "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},"
            + "\"required\":[\"message\"],\"additionalProperties\":false}";
    static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}";

    private Fixtures() {
    }

    /** A 2026-07-28 {@code tools/call} of echo with request id {@code id}. */
    static byte[] echoCall(long id, String message) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"message\":\"" + message + "\"}," + META + "}}").getBytes(StandardCharsets.UTF_8);
    }

    /** The same echo, declared on a method (keel-annotations): what binding by parameter and a method handle cost. */
    static final class AnnotatedEcho {
        @dev.keel.annotations.Tool(description = "Echoes message", nonBlocking = true)
        public String echo(String message) {
            return message;
        }
    }

    /** A server whose echo is {@link AnnotatedEcho}'s method. */
    static McpServer annotatedEchoServer() {
        return McpServer.builder().name("bench").version("1").register(new AnnotatedEcho()).build();
    }

    /** A server with {@code echo} and nothing else: what the benchmarks exercise is Keel, not a tool. */
    static McpServer echoServer() {
        return McpServer.builder().name("bench").version("1")
                .tool(Tool.builder("echo").description("Echoes message").inputSchema(ECHO_SCHEMA).nonBlocking().build(),
                        call -> CallToolResult.text(call.arguments().path("message").asString()))
                .build();
    }
}
