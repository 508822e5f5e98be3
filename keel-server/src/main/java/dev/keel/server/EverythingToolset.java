package dev.keel.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.keel.core.ArgumentRules;
import dev.keel.core.Elicitation;
import dev.keel.core.McpException;
import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.core.ToolError;
import dev.keel.spec.BlobResourceContents;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.CreateMessageRequestParams;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.ImageContent;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.Prompt;
import dev.keel.spec.PromptArgument;
import dev.keel.spec.PromptMessage;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceLink;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.Role;
import dev.keel.spec.Root;
import dev.keel.spec.SamplingMessage;
import dev.keel.spec.StringSchema;
import dev.keel.spec.TextContent;
import dev.keel.spec.TextResourceContents;
import dev.keel.spec.ToolAnnotations;
import tools.jackson.databind.node.LongNode;

/**
 * The {@code everything} toolset: the {@code demo} tools plus one tool, resource or prompt for every
 * feature Keel serves, so each can be tried from any client: elicitation (form and typed), sampling,
 * roots, progress, logging, change notifications (a counter resource to subscribe to, tools that add
 * and remove tools), completion, pagination, typed tools with validation, every kind of error,
 * timeouts, and state kept across calls through a handle ({@code counter_open}, {@code counter_add});
 * and the fixtures of the official conformance suite ({@link ConformanceFixtures}).
 */
public final class EverythingToolset implements Toolset {

    /** The tiniest PNG: one transparent pixel. */
    static final String PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    /** How long a counter of {@code counter_open} lives after its last change. */
    static final Duration COUNTER_TTL = Duration.ofMinutes(30);
    static final List<String> CITIES = List.of("Amsterdam", "Athens", "Berlin", "Bern", "Lisbon", "London", "Madrid",
            "Oslo", "Paris", "Prague", "Rome", "Vienna", "Warsaw");

    private final AtomicReference<McpServer> server = new AtomicReference<>();
    private final AtomicInteger counter = new AtomicInteger();

    @Override
    public String name() {
        return "everything";
    }

    @Override
    public String description() {
        return "the demo tools plus one tool, resource or prompt for every MCP feature Keel serves";
    }

    @Override
    public void started(McpServer built) {
        server.set(built);
    }

    /** The arguments of {@code weather}. */
    public record WeatherArgs(@JsonPropertyDescription("A city, e.g. Lisbon") String city,
            @JsonPropertyDescription("How many days ahead, 0 to 7") int days) {
    }

    /** The result of {@code weather}. */
    public record Weather(String city, String summary, double celsius) {
    }

    /** What {@code confirm_action} asks its user. */
    public record Confirmation(@JsonPropertyDescription("Go ahead?") boolean confirm,
            @JsonPropertyDescription("Why (optional)") java.util.Optional<String> reason) {
    }

    @Override
    public void register(McpServer.Builder builder) {
        new DemoToolset().register(builder);
        builder.pageSize(50).instructions("A toolset that exercises every MCP feature; each tool says what it shows.");
        registerTools(builder);
        registerCounters(builder);
        registerResources(builder);
        registerPrompts(builder);
        new ConformanceFixtures(server::get).register(builder);
    }

    private void registerTools(McpServer.Builder builder) {
        builder.tool(Tool.builder("weather").title("Weather (typed)")
                        .description("A typed tool: arguments validated against a schema generated from a record,"
                                + " the result returned as structured content.")
                        .input(WeatherArgs.class).output(Weather.class)
                        .rule("days", ArgumentRules.range(0, 7))
                        .annotations(ToolAnnotations.readOnly()).build(),
                call -> {
                    if (!CITIES.contains(call.arguments().city())) {
                        throw new ToolError("No weather for " + call.arguments().city() + "; try one of " + CITIES);
                    }
                    return new Weather(call.arguments().city(), "Sunny for " + call.arguments().days() + " days", 21.5);
                });
        builder.tool(Tool.builder("ask_name").description("Elicitation: asks the user for their name with a form.")
                        .build(),
                call -> {
                    ElicitResult answer = call.elicit("What is your name?", ElicitRequestFormParams.RequestedSchema.of(
                            Map.of("name", StringSchema.of("Name", "Your name")), "name"));
                    return answer.action() == ElicitResult.Action.ACCEPT
                            ? CallToolResult.text("Hello, " + answer.content().get("name") + "!")
                            : CallToolResult.text("No name given (" + answer.action().name().toLowerCase(Locale.ROOT) + ")");
                });
        builder.tool(Tool.builder("confirm_action").description("Typed elicitation: asks for a Confirmation record.")
                        .build(),
                call -> {
                    Elicitation<Confirmation> answer = call.elicit("Proceed with the action?", Confirmation.class);
                    return CallToolResult.text(answer.accepted() && answer.value().confirm()
                            ? "Confirmed" + answer.value().reason().map(r -> ": " + r).orElse("") : "Not confirmed");
                });
        builder.tool(Tool.builder("summarize").description("Sampling: asks the client's model to summarize a text.")
                        .inputSchema("""
                                {"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""")
                        .build(),
                call -> {
                    CreateMessageResult result = call.sample(CreateMessageRequestParams.of(List.of(new SamplingMessage(
                            Role.USER, List.of(TextContent.of("Summarize in one sentence: "
                                    + call.arguments().get("text").asString())), null)), 200));
                    String text = result.content().stream().filter(TextContent.class::isInstance)
                            .map(c -> ((TextContent) c).text()).findFirst().orElse("(no text)");
                    return CallToolResult.text("Summary by " + result.model() + ": " + text);
                });
        builder.tool(Tool.builder("list_roots").description("Roots: lists the client's roots.").build(),
                call -> CallToolResult.text(call.roots().stream().map(Root::uri).toList().toString()));
        builder.tool(Tool.builder("log_messages")
                        .description("Logging: sends one log message at each level; clients see those at or above"
                                + " the level they asked for.").build(),
                call -> {
                    for (LoggingLevel level : LoggingLevel.values()) {
                        call.log(level, "everything", "a " + level.id() + " message");
                    }
                    return CallToolResult.text("sent " + LoggingLevel.values().length + " log messages");
                });
        builder.tool(Tool.builder("bump_counter")
                        .description("Subscriptions: increments the counter resource everything://counter and"
                                + " notifies its subscribers.").build(),
                call -> {
                    int value = counter.incrementAndGet();
                    server.get().notifyResourceUpdated("everything://counter");
                    return CallToolResult.text("counter is now " + value);
                });
        builder.tool(Tool.builder("add_tool")
                        .description("List changes: adds a tool named greet_<name> while the server runs.")
                        .inputSchema("""
                                {"type":"object","properties":{"name":{"type":"string","pattern":"^[a-z]{1,20}$"}},
                                 "required":["name"]}""").build(),
                call -> {
                    String name = call.arguments().get("name").asString();
                    try {
                        server.get().addTool(Tool.builder("greet_" + name).description("Greets " + name + ".").build(),
                                c -> CallToolResult.text("Hello from " + name + "!"));
                    } catch (IllegalArgumentException e) {
                        throw new ToolError("greet_" + name + " exists already");
                    }
                    return CallToolResult.text("added greet_" + name);
                });
        builder.tool(Tool.builder("remove_tool").description("List changes: removes a tool added by add_tool.")
                        .inputSchema("""
                                {"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""").build(),
                call -> {
                    String name = call.arguments().get("name").asString();
                    if (!name.startsWith("greet_") || !server.get().removeTool(name)) {
                        throw new ToolError("only tools added by add_tool can be removed; " + name + " is not one");
                    }
                    return CallToolResult.text("removed " + name);
                });
        builder.tool(Tool.builder("slow").description("Timeouts: sleeps ms milliseconds, but is stopped after 2 s.")
                        .timeout(Duration.ofSeconds(2))
                        .inputSchema("""
                                {"type":"object","properties":{"ms":{"type":"integer","minimum":0,"maximum":60000}},
                                 "required":["ms"]}""").build(),
                call -> {
                    Thread.sleep(call.arguments().get("ms").asLong());
                    return CallToolResult.text("finished in time");
                });
        builder.tool(Tool.builder("tool_error").description("Errors: a failure the model can read (isError).").build(),
                call -> CallToolResult.error("This tool always fails, and says so"));
        builder.tool(Tool.builder("protocol_error").description("Errors: a JSON-RPC invalid-params error.").build(),
                call -> {
                    throw McpException.invalidParams("protocol_error always refuses its request");
                });
        builder.tool(Tool.builder("crash").description("Errors: an unexpected exception, reported as an internal"
                        + " error with a correlation id and no details.").build(),
                call -> {
                    throw new IllegalStateException("a simulated bug");
                });
        builder.tool(Tool.builder("content_kinds").description("Content: text, an image and a resource link.").build(),
                call -> CallToolResult.of(TextContent.of("Here are three kinds of content."),
                        ImageContent.of(PIXEL_PNG, "image/png"), ResourceLink.of("everything://counter", "counter")));
    }

    /** State across calls the 2026-07-28 way: the server keeps the value, the client holds its handle. */
    private static void registerCounters(McpServer.Builder builder) {
        builder.tool(Tool.builder("counter_open")
                        .description("State through a handle: opens a counter at 0, kept by the server for 30 minutes"
                                + " after its last change, and returns its handle; pass it to counter_add.").build(),
                call -> CallToolResult.text(call.state().create(LongNode.valueOf(0), COUNTER_TTL)));
        builder.tool(Tool.builder("counter_add")
                        .description("State through a handle: adds 'by' (default 1) to the counter behind 'handle' and"
                                + " returns the new total.")
                        .inputSchema("""
                                {"type":"object","properties":{
                                  "handle":{"type":"string","description":"A handle from counter_open"},
                                  "by":{"type":"integer","minimum":-1000000,"maximum":1000000}},
                                 "required":["handle"]}""").build(),
                call -> {
                    String handle = call.arguments().get("handle").asString();
                    long by = call.arguments().path("by").asLong(1);
                    return call.state().update(handle, total -> LongNode.valueOf(total.asLong() + by), COUNTER_TTL)
                            .map(total -> CallToolResult.text(Long.toString(total.asLong())))
                            .orElseGet(() -> CallToolResult.error("Unknown or expired counter handle: " + handle
                                    + "; open a new counter with counter_open"));
                });
    }

    private void registerResources(McpServer.Builder builder) {
        builder.resource(Resource.of("everything://counter", "counter",
                        "A counter; subscribe to it and call bump_counter", "text/plain"),
                call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain",
                        Integer.toString(counter.get()))));
        builder.resource(Resource.of("everything://pixel.png", "pixel", "A binary resource: one PNG pixel", "image/png"),
                call -> ReadResourceResult.of(BlobResourceContents.of(call.uri(), "image/png",
                        java.util.Base64.getDecoder().decode(PIXEL_PNG))));
        for (int i = 1; i <= 50; i++) {
            String uri = "everything://items/" + i;
            String text = "Item " + i;
            builder.resource(Resource.of(uri, "item-" + i, "Pagination: one of 50 items", "text/plain"),
                    call -> ReadResourceResult.of(TextResourceContents.of(uri, "text/plain", text)));
        }
        builder.resourceTemplate(ResourceTemplate.of("everything://weather/{city}", "city-weather",
                        "A template with completion of its variable", "text/plain"),
                call -> {
                    String city = call.variables().get("city");
                    if (!CITIES.contains(city)) {
                        throw McpException.resourceNotFound(call.uri());
                    }
                    return ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain", "Sunny in " + city));
                });
        builder.resourceCompletion("everything://weather/{city}", "city", call -> startingWith(call.value()));
    }

    private void registerPrompts(McpServer.Builder builder) {
        builder.prompt(Prompt.of("greeting", "A simple prompt without arguments"),
                call -> GetPromptResult.of("A greeting", PromptMessage.user("Say hello to the world.")));
        builder.prompt(Prompt.of("plan_trip", "A prompt with arguments, one of them completed",
                        PromptArgument.required("destination", "Where to go"),
                        PromptArgument.optional("days", "How many days")),
                call -> GetPromptResult.of("Trip planning", PromptMessage.user("Plan a trip to "
                        + call.argument("destination") + " for " + (call.argument("days") == null ? "a few"
                        : call.argument("days")) + " days.")));
        builder.promptCompletion("plan_trip", "destination", call -> startingWith(call.value()));
    }

    private static List<String> startingWith(String prefix) {
        List<String> matches = new ArrayList<>();
        for (String city : CITIES) {
            if (city.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
                matches.add(city);
            }
        }
        return matches;
    }
}
