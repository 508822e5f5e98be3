package dev.keel.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

import dev.keel.core.McpException;
import dev.keel.core.McpServer;
import dev.keel.core.Middleware;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.Prompt;
import dev.keel.spec.PromptArgument;
import dev.keel.spec.PromptMessage;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.Root;
import dev.keel.spec.StringSchema;
import dev.keel.spec.TextResourceContents;
import dev.keel.transport.stdio.StdioTransport;

/**
 * The server {@code McpClientTest} drives: a tool per client feature (progress, elicitation, roots, an
 * error result, a call that never ends), resources, a template and a prompt, in pages of two. In
 * process over HTTP, or as a child process over stdio through {@link #main}; {@code --legacy-only}
 * refuses the 2026-07-28 era the way a server that predates it does.
 */
final class ClientFixtureServer {

    /** How {@code hang} calls ended: "interrupted". */
    final BlockingQueue<String> hangOutcomes = new LinkedBlockingQueue<>();
    /** Counted down when a {@code hang} call has started. */
    final CountDownLatch hangStarted = new CountDownLatch(1);

    /** Refuses every 2026-07-28 request, {@code server/discover} included, as unknown. */
    static final Middleware LEGACY_ONLY = Middleware.named("legacy-only", (call, chain) -> {
        if (call.context().isModern()) {
            throw McpException.methodNotFound("Method not found: " + call.method());
        }
        return chain.proceed(call);
    });

    McpServer build(boolean legacyOnly) {
        McpServer.Builder builder = McpServer.builder()
                .name("client-fixture").version("2.0.0").instructions("Drive me with McpClient.")
                .pageSize(2)
                .tool(Tool.builder("echo").description("Echoes a message\nand says nothing more")
                        .inputSchema("{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}").build(),
                        call -> CallToolResult.text(call.arguments().path("message").asString()))
                .tool(Tool.builder("count").description("Counts to steps, reporting progress")
                        .inputSchema("{\"type\":\"object\",\"properties\":{\"steps\":{\"type\":\"integer\"}}}").build(),
                        call -> {
                            int steps = call.arguments().path("steps").asInt();
                            for (int i = 1; i <= steps; i++) {
                                call.progress(i, (double) steps, "step " + i);
                            }
                            return CallToolResult.text("counted " + steps);
                        })
                .tool(Tool.builder("greet").description("Asks the user's name").build(), call -> {
                    ElicitResult who = call.elicit("Who are you?", ElicitRequestFormParams.RequestedSchema.of(
                            Map.of("name", StringSchema.of("Name", "Your name")), "name"));
                    return CallToolResult.text(who.accepted() ? "Hello, " + who.content().get("name") + "!"
                            : "no name (" + who.action() + ")");
                })
                .tool(Tool.builder("where").description("Lists the client's roots").build(),
                        call -> CallToolResult.text(call.roots().stream().map(Root::uri).toList().toString()))
                .tool(Tool.builder("broken").description("Always fails").build(),
                        call -> CallToolResult.error("it broke"))
                .tool(Tool.builder("hang").description("Runs until cancelled").build(), call -> {
                    hangStarted.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        hangOutcomes.add("interrupted");
                        throw e;
                    }
                    return CallToolResult.text("never");
                });
        for (String name : List.of("alpha", "beta", "gamma")) {
            builder.resource(Resource.of("mem://" + name, name, "The " + name + " note", "text/plain"),
                    call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain", name)));
        }
        builder.resourceTemplate(ResourceTemplate.of("mem://notes/{id}", "note", "A note by id", "text/plain"),
                call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain", call.variables().get("id"))));
        builder.prompt(Prompt.of("hello", "Says hello", PromptArgument.required("name", "Whom to greet")),
                call -> GetPromptResult.of(null, PromptMessage.user("Hello, " + call.arguments().get("name"))));
        if (legacyOnly) {
            builder.middleware(LEGACY_ONLY);
        }
        return builder.build();
    }

    /** Serves the fixture over this process's stdin and stdout; {@code --legacy-only} as above. */
    public static void main(String[] args) {
        boolean legacyOnly = List.of(args).contains("--legacy-only");
        System.exit(StdioTransport.create().run(new ClientFixtureServer().build(legacyOnly)));
    }
}
