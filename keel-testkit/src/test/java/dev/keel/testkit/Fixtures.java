package dev.keel.testkit;

import java.util.concurrent.CountDownLatch;

import dev.keel.core.McpException;
import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.Prompt;
import dev.keel.spec.PromptArgument;
import dev.keel.spec.PromptMessage;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.TextResourceContents;
import tools.jackson.databind.json.JsonMapper;

/** A server with a tool, resource and prompt for each behaviour the engine tests exercise. */
final class Fixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Counted down when a {@code block} call has started. */
    volatile CountDownLatch blockStarted = new CountDownLatch(1);
    /** The {@code block} tool returns when this opens. */
    volatile CountDownLatch blockRelease = new CountDownLatch(1);

    McpServer.Builder builder() {
        return McpServer.builder()
                .name("fixtures").version("1.2.3")
                .instructions("Test fixtures.")
                .tool(Tool.builder("echo").description("Echoes a message")
                        .inputSchema("""
                                {"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""")
                        .build(),
                        call -> {
                            if (!call.arguments().path("message").isString()) {
                                return CallToolResult.error("message is required and must be a string");
                            }
                            return CallToolResult.text(call.arguments().get("message").asString());
                        })
                .tool(Tool.builder("add").description("Adds two numbers")
                        .inputSchema("""
                                {"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},
                                 "required":["a","b"]}""")
                        .outputSchema("""
                                {"type":"object","properties":{"sum":{"type":"number"}},"required":["sum"]}""")
                        .build(),
                        call -> {
                            double sum = call.arguments().path("a").asDouble() + call.arguments().path("b").asDouble();
                            return CallToolResult.structured(JSON.createObjectNode().put("sum", sum));
                        })
                .tool(Tool.builder("failing_tool").description("Always throws").build(), call -> {
                    throw new IllegalStateException("tool failed: secret internals");
                })
                .tool(Tool.builder("refusing_tool").description("Throws a protocol fault").build(), call -> {
                    throw McpException.invalidParams("refusing_tool refuses");
                })
                .tool(Tool.builder("block").description("Blocks until the test releases it").build(), call -> {
                    blockStarted.countDown();
                    blockRelease.await();
                    return CallToolResult.text("released");
                })
                .resource(Resource.of("mem://greeting", "greeting", "A greeting", "text/plain"),
                        call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain", "hello")))
                .resourceTemplate(ResourceTemplate.of("mem://users/{id}", "user", "A user by id", "application/json"),
                        call -> {
                            if (call.variables().get("id").equals("0")) {
                                throw McpException.resourceNotFound(call.uri());
                            }
                            return ReadResourceResult.of(TextResourceContents.of(call.uri(), "application/json",
                                    "{\"id\":\"" + call.variables().get("id") + "\"}"));
                        })
                .prompt(Prompt.of("greet", "Greets someone", PromptArgument.required("name", "Who to greet")),
                        call -> GetPromptResult.of("A greeting", PromptMessage.user("Say hello to " + call.argument("name"))));
    }

    McpServer server() {
        return builder().build();
    }
}
