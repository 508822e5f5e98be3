package dev.keel.server;

import java.math.BigDecimal;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.core.ToolCall;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ToolAnnotations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The {@code demo} toolset: {@code echo}, {@code add} and {@code sleep}, enough to try any client
 * against Keel in both protocol eras.
 */
public final class DemoToolset implements Toolset {

    /** The longest {@code sleep}: ten minutes. */
    static final long MAX_SLEEP_MS = 600_000;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String description() {
        return "echo, add and sleep: a minimal toolset to try clients against";
    }

    @Override
    public void register(McpServer.Builder server) {
        server.tool(Tool.builder("echo")
                        .title("Echo")
                        .description("Returns the message it is given, unchanged.")
                        .inputSchema("""
                                {"type":"object","properties":{"message":{"type":"string","description":"The text to echo"}},
                                 "required":["message"],"additionalProperties":false}""")
                        .annotations(new ToolAnnotations(null, true, false, true, false))
                        .nonBlocking()
                        .build(),
                DemoToolset::echo);
        server.tool(Tool.builder("add")
                        .title("Add")
                        .description("Adds two numbers and returns the sum, as text and as structured content.")
                        .inputSchema("""
                                {"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},
                                 "required":["a","b"],"additionalProperties":false}""")
                        .outputSchema("""
                                {"type":"object","properties":{"sum":{"type":"number"}},"required":["sum"]}""")
                        .annotations(new ToolAnnotations(null, true, false, true, false))
                        .nonBlocking()
                        .build(),
                DemoToolset::add);
        server.tool(Tool.builder("sleep")
                        .title("Sleep")
                        .description("Sleeps for ms milliseconds (at most 600000), reporting progress when asked;"
                                + " stops at once when cancelled.")
                        .inputSchema("""
                                {"type":"object","properties":{"ms":{"type":"integer","minimum":0,"maximum":600000}},
                                 "required":["ms"],"additionalProperties":false}""")
                        .annotations(new ToolAnnotations(null, true, false, true, false))
                        .timeout(java.time.Duration.ofMillis(MAX_SLEEP_MS).plusMinutes(1))
                        .build(),
                DemoToolset::sleep);
    }

    static CallToolResult echo(ToolCall<JsonNode> call) {
        JsonNode message = call.arguments().get("message");
        if (message == null || !message.isString()) {
            return CallToolResult.error("message is required and must be a string");
        }
        return CallToolResult.text(message.asString());
    }

    static CallToolResult add(ToolCall<JsonNode> call) {
        JsonNode a = call.arguments().get("a");
        JsonNode b = call.arguments().get("b");
        if (a == null || !a.isNumber() || b == null || !b.isNumber()) {
            return CallToolResult.error("a and b are required and must be numbers");
        }
        BigDecimal sum = a.decimalValue().add(b.decimalValue()).stripTrailingZeros();
        JsonNode number = sum.scale() <= 0 && sum.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                ? JsonNodeFactory.instance.numberNode(sum.longValueExact())
                : JsonNodeFactory.instance.numberNode(sum);
        return CallToolResult.structured(JsonNodeFactory.instance.objectNode().set("sum", number));
    }

    static CallToolResult sleep(ToolCall<JsonNode> call) throws InterruptedException {
        JsonNode msNode = call.arguments().get("ms");
        if (msNode == null || !msNode.isIntegralNumber() || msNode.asLong() < 0 || msNode.asLong() > MAX_SLEEP_MS) {
            return CallToolResult.error("ms is required and must be an integer from 0 to " + MAX_SLEEP_MS);
        }
        long ms = msNode.asLong();
        long start = System.nanoTime();
        long deadline = start + ms * 1_000_000;
        int steps = (int) Math.min(10, Math.max(1, ms / 100));
        for (int step = 1; step <= steps; step++) {
            long until = start + (deadline - start) * step / steps;
            long left = until - System.nanoTime();
            if (left > 0) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
            call.progress(step, (double) steps, "slept " + (ms * step / steps) + " of " + ms + " ms");
        }
        return CallToolResult.text("slept " + ms + " ms");
    }
}
