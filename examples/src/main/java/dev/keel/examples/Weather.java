package dev.keel.examples;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.transport.stdio.StdioTransport;

/** The README's example: one tool, served over stdio to clients of any protocol revision. */
public final class Weather {

    /** The server, without a transport: what tests drive in memory. */
    static McpServer server() {
        return McpServer.builder().name("weather").version("1.0.0")
                .tool(Tool.builder("forecast")
                                .description("Tomorrow's weather for a city")
                                .inputSchema("""
                                        {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")
                                .build(),
                        call -> CallToolResult.text("Sunny in " + call.arguments().path("city").asString()))
                .build();
    }

    public static void main(String[] args) {
        System.exit(StdioTransport.create().run(server()));
    }
}
