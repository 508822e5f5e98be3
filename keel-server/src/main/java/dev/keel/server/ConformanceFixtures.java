package dev.keel.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.AudioContent;
import dev.keel.spec.BlobResourceContents;
import dev.keel.spec.BooleanSchema;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.CreateMessageRequest;
import dev.keel.spec.CreateMessageRequestParams;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitRequest;
import dev.keel.spec.ElicitRequestFormParams.RequestedSchema;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.EmbeddedResource;
import dev.keel.spec.EnumOption;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.ImageContent;
import dev.keel.spec.InputRequest;
import dev.keel.spec.InputResponse;
import dev.keel.spec.LegacyTitledEnumSchema;
import dev.keel.spec.ListRootsRequest;
import dev.keel.spec.ListRootsResult;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.NumberSchema;
import dev.keel.spec.PrimitiveSchemaDefinition;
import dev.keel.spec.Prompt;
import dev.keel.spec.PromptArgument;
import dev.keel.spec.PromptMessage;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.Role;
import dev.keel.spec.SamplingMessage;
import dev.keel.spec.StringSchema;
import dev.keel.spec.TextContent;
import dev.keel.spec.TextResourceContents;
import dev.keel.spec.TitledMultiSelectEnumSchema;
import dev.keel.spec.TitledSingleSelectEnumSchema;
import dev.keel.spec.UntitledMultiSelectEnumSchema;
import dev.keel.spec.UntitledSingleSelectEnumSchema;

/**
 * The fixtures of the official MCP conformance suite ({@code @modelcontextprotocol/conformance}): the
 * tools, resources and prompts its server scenarios call, under the names and with the texts its
 * README and reference server give, for both the legacy scenarios (real server-to-client requests)
 * and the 2026-07-28 ones (input-required results, listen streams, diagnostic tools).
 */
final class ConformanceFixtures {

    /** A 1×1 PNG, as the suite's reference server sends it. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    /** A silent WAV, as the suite's reference server sends it. */
    static final String WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

    private final Supplier<McpServer> server;
    private final AtomicInteger changes = new AtomicInteger();

    ConformanceFixtures(Supplier<McpServer> server) {
        this.server = server;
    }

    void register(McpServer.Builder builder) {
        contentTools(builder);
        clientTools(builder);
        inputRequiredTools(builder);
        diagnosticTools(builder);
        resources(builder);
        prompts(builder);
    }

    private static void contentTools(McpServer.Builder builder) {
        builder.tool(Tool.builder("test_simple_text").description("Returns simple text content").build(),
                call -> CallToolResult.text("This is a simple text response for testing."));
        builder.tool(Tool.builder("test_image_content").description("Returns image content").build(),
                call -> CallToolResult.of(ImageContent.of(PNG, "image/png")));
        builder.tool(Tool.builder("test_audio_content").description("Returns audio content").build(),
                call -> CallToolResult.of(AudioContent.of(WAV, "audio/wav")));
        builder.tool(Tool.builder("test_embedded_resource").description("Returns an embedded resource").build(),
                call -> CallToolResult.of(EmbeddedResource.of(TextResourceContents.of("test://embedded-resource",
                        "text/plain", "This is an embedded resource content."))));
        builder.tool(Tool.builder("test_multiple_content_types").description("Returns text, image and a resource")
                        .build(),
                call -> CallToolResult.of(TextContent.of("Multiple content types test:"), ImageContent.of(PNG, "image/png"),
                        EmbeddedResource.of(TextResourceContents.of("test://mixed-content-resource", "application/json",
                                "{\"test\":\"data\",\"value\":123}"))));
        builder.tool(Tool.builder("test_tool_with_logging").description("Sends log messages while it runs").build(),
                call -> {
                    for (String step : List.of("Tool execution started", "Tool processing data", "Tool execution completed")) {
                        call.log(LoggingLevel.INFO, "conformance", step);
                        Thread.sleep(50);
                    }
                    return CallToolResult.text("Tool with logging executed successfully");
                });
        builder.tool(Tool.builder("test_error_handling").description("Always fails, as a tool result").build(),
                call -> CallToolResult.error("This tool intentionally returns an error for testing"));
        builder.tool(Tool.builder("test_tool_with_progress").description("Reports progress while it runs").build(),
                call -> {
                    for (int step = 0; step <= 100; step += 50) {
                        call.progress(step, 100.0, "Completed step " + step + " of 100");
                        Thread.sleep(50);
                    }
                    Object token = call.context().progressToken() == null ? null : call.context().progressToken().value();
                    return CallToolResult.text(String.valueOf(token));
                });
        builder.tool(Tool.builder("json_schema_2020_12_tool").description("Tool with JSON Schema 2020-12 features")
                        .inputSchema("""
                                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                                 "$defs":{"address":{"$anchor":"addressDef","type":"object",
                                   "properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
                                 "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},
                                   "contactMethod":{"type":"string","enum":["phone","email"]},
                                   "phone":{"type":"string"},"email":{"type":"string"}},
                                 "allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],
                                 "if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},
                                 "then":{"required":["phone"]},"else":{"required":["email"]},
                                 "additionalProperties":false}""").build(),
                call -> CallToolResult.text("Received: " + call.arguments()));
        builder.tool(Tool.builder("test_header_parameter")
                        .description("An argument mirrored in the Mcp-Param-Region header (x-mcp-header)")
                        .inputSchema("""
                                {"type":"object","properties":{"region":{"type":"string","x-mcp-header":"Region",
                                 "description":"A region name"}},"required":["region"]}""").build(),
                call -> CallToolResult.text("Region: " + call.arguments().path("region").asString()));
    }

    /** Tools that ask the client: server requests in a legacy session, input-required results in 2026-07-28. */
    private static void clientTools(McpServer.Builder builder) {
        builder.tool(Tool.builder("test_sampling").description("Asks the client's model")
                        .inputSchema("""
                                {"type":"object","properties":{"prompt":{"type":"string"}},"required":["prompt"]}""")
                        .build(),
                call -> {
                    CreateMessageResult result = call.sample(CreateMessageRequestParams.of(List.of(
                            SamplingMessage.user(call.arguments().path("prompt").asString())), 100));
                    return CallToolResult.text("LLM response: " + text(result));
                });
        builder.tool(Tool.builder("test_elicitation").description("Asks the user")
                        .inputSchema("""
                                {"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""")
                        .build(),
                call -> {
                    ElicitResult result = call.elicit(call.arguments().path("message").asString(), RequestedSchema.of(
                            Map.of("response", StringSchema.of(null, "User's response")), "response"));
                    return CallToolResult.text("User response: action=" + result.action().name().toLowerCase(java.util.Locale.ROOT)
                            + ", content=" + result.content());
                });
        builder.tool(Tool.builder("test_elicitation_sep1034_defaults").description("Asks with default values").build(),
                call -> {
                    Map<String, PrimitiveSchemaDefinition> fields = new LinkedHashMap<>();
                    fields.put("name", new StringSchema(null, "User name", null, null, null, "John Doe"));
                    fields.put("age", new NumberSchema("integer", null, "User age", null, null, 30));
                    fields.put("score", new NumberSchema("number", null, "User score", null, null, 95.5));
                    fields.put("status", new UntitledSingleSelectEnumSchema(null, "User status",
                            List.of("active", "inactive", "pending"), "active"));
                    fields.put("verified", new BooleanSchema(null, "Verification status", true));
                    ElicitResult result = call.elicit("Please review and update the form fields with defaults",
                            new RequestedSchema(fields, List.of(), null));
                    return CallToolResult.text("Elicitation completed: action=" + result.action().name().toLowerCase(
                            java.util.Locale.ROOT) + ", content=" + result.content());
                });
        builder.tool(Tool.builder("test_elicitation_sep1330_enums").description("Asks with every kind of enum").build(),
                call -> {
                    Map<String, PrimitiveSchemaDefinition> fields = new LinkedHashMap<>();
                    fields.put("untitledSingle", new UntitledSingleSelectEnumSchema(null, "Choose an option",
                            List.of("option1", "option2", "option3"), null));
                    fields.put("titledSingle", new TitledSingleSelectEnumSchema(null, "Choose a titled option", List.of(
                            new EnumOption("value1", "First Option"), new EnumOption("value2", "Second Option"),
                            new EnumOption("value3", "Third Option")), null));
                    fields.put("legacyEnum", new LegacyTitledEnumSchema(null, "Choose a legacy option",
                            List.of("opt1", "opt2", "opt3"), List.of("Option One", "Option Two", "Option Three"), null));
                    fields.put("untitledMulti", new UntitledMultiSelectEnumSchema(null, "Choose multiple options", 1, 3,
                            new UntitledMultiSelectEnumSchema.Items(List.of("option1", "option2", "option3")), null));
                    fields.put("titledMulti", new TitledMultiSelectEnumSchema(null, "Choose multiple titled options", 1, 3,
                            new TitledMultiSelectEnumSchema.Items(List.of(new EnumOption("value1", "First Choice"),
                                    new EnumOption("value2", "Second Choice"), new EnumOption("value3", "Third Choice"))),
                            null));
                    ElicitResult result = call.elicit("Please select options from the enum fields",
                            new RequestedSchema(fields, List.of(), null));
                    return CallToolResult.text("Elicitation completed: action=" + result.action().name().toLowerCase(
                            java.util.Locale.ROOT) + ", content=" + result.content());
                });
    }

    /** 2026-07-28 multi round-trip requests (SEP-2322), under the keys the suite's reference server uses. */
    private static void inputRequiredTools(McpServer.Builder builder) {
        builder.tool(Tool.builder("test_input_required_result_elicitation").description("Asks for a name").build(),
                call -> {
                    ElicitResult answer = (ElicitResult) call.ask(Map.of("user_name", nameQuestion())).get("user_name");
                    return CallToolResult.text("Hello, " + answer.content().get("name") + "!");
                });
        builder.tool(Tool.builder("test_input_required_result_sampling").description("Asks the client's model").build(),
                call -> {
                    CreateMessageResult answer = (CreateMessageResult) call.ask(Map.of("capital_question",
                            sampling("What is the capital of France?", 100))).get("capital_question");
                    return CallToolResult.text("The model answered: " + text(answer));
                });
        builder.tool(Tool.builder("test_input_required_result_list_roots").description("Asks for the roots").build(),
                call -> {
                    ListRootsResult answer = (ListRootsResult) call.ask(Map.of("client_roots",
                            ListRootsRequest.instance())).get("client_roots");
                    return CallToolResult.text("Roots: " + answer.roots().stream().map(dev.keel.spec.Root::uri).toList());
                });
        builder.tool(Tool.builder("test_input_required_result_request_state")
                        .description("Asks for a confirmation, carrying state to the retry").build(),
                call -> {
                    ElicitResult answer = (ElicitResult) call.ask(Map.of("confirm", ElicitRequest.form("Confirm?",
                            RequestedSchema.of(Map.of("ok", BooleanSchema.of(null, "Confirm")), "ok")))).get("confirm");
                    return CallToolResult.text("state-ok: confirmed=" + answer.content().get("ok"));
                });
        builder.tool(Tool.builder("test_input_required_result_multiple_inputs")
                        .description("Asks the user, the model and for the roots at once").build(),
                call -> {
                    Map<String, InputRequest> questions = new LinkedHashMap<>();
                    questions.put("user_name", nameQuestion());
                    questions.put("greeting", sampling("Say hello", 50));
                    questions.put("client_roots", ListRootsRequest.instance());
                    Map<String, InputResponse> answers = call.ask(questions);
                    return CallToolResult.text("Got " + answers.size() + " answers: name="
                            + ((ElicitResult) answers.get("user_name")).content().get("name"));
                });
        builder.tool(Tool.builder("test_input_required_result_multi_round").description("Asks twice, one after the other")
                        .build(),
                call -> {
                    ElicitResult name = (ElicitResult) call.ask(Map.of("step1", nameQuestion())).get("step1");
                    ElicitResult color = (ElicitResult) call.ask(Map.of("step2", ElicitRequest.form(
                            "Step 2: What is your favorite color?",
                            RequestedSchema.of(Map.of("color", StringSchema.of(null, "Color")), "color")))).get("step2");
                    return CallToolResult.text(name.content().get("name") + " likes " + color.content().get("color"));
                });
        builder.tool(Tool.builder("test_input_required_result_tampered_state")
                        .description("Asks with a sealed state a retry must return untouched").build(),
                call -> {
                    ElicitResult answer = (ElicitResult) call.ask(Map.of("user_name", nameQuestion())).get("user_name");
                    return CallToolResult.text("Hello, " + answer.content().get("name") + "!");
                });
        builder.tool(Tool.builder("test_input_required_result_capabilities")
                        .description("Asks only what the client declared it can answer").build(),
                call -> {
                    ClientCapabilities capabilities = call.clientCapabilities();
                    Map<String, InputRequest> questions = new LinkedHashMap<>();
                    if (capabilities != null && capabilities.elicitation() != null) {
                        questions.put("user_name", nameQuestion());
                    }
                    if (capabilities != null && capabilities.sampling() != null) {
                        questions.put("greeting", sampling("Say hello", 50));
                    }
                    if (questions.isEmpty()) {
                        return CallToolResult.text("Nothing to ask a client without elicitation or sampling");
                    }
                    return CallToolResult.text("Got " + call.ask(questions).size() + " answers");
                });
    }

    /** Diagnostic tools of the 2026-07-28 stateless scenario. */
    private void diagnosticTools(McpServer.Builder builder) {
        builder.tool(Tool.builder("test_missing_capability").description("Needs the client's sampling capability").build(),
                call -> CallToolResult.text("LLM response: " + text(call.sample(CreateMessageRequestParams.of(
                        List.of(SamplingMessage.user("Hello")), 10)))));
        builder.tool(Tool.builder("test_streaming_elicitation").description("Elicits, which 2026-07-28 does by"
                        + " an input-required result, never a request on the stream").build(),
                call -> {
                    ElicitResult answer = (ElicitResult) call.ask(Map.of("user_name", nameQuestion())).get("user_name");
                    return CallToolResult.text("Hello, " + answer.content().get("name") + "!");
                });
        builder.tool(Tool.builder("test_logging_tool").description("Logs; a request without a log level hears nothing")
                        .build(),
                call -> {
                    call.log(LoggingLevel.INFO, "conformance", "a log message");
                    return CallToolResult.text("logged");
                });
        builder.tool(Tool.builder("test_trigger_tool_change").description("Adds or removes a tool").build(),
                call -> {
                    String name = "test_dynamic_tool_" + changes.incrementAndGet();
                    server.get().addTool(Tool.builder(name).description("Added at run time").build(),
                            c -> CallToolResult.text("dynamic"));
                    return CallToolResult.text("added " + name);
                });
        builder.tool(Tool.builder("test_trigger_prompt_change").description("Adds a prompt").build(),
                call -> {
                    String name = "test_dynamic_prompt_" + changes.incrementAndGet();
                    server.get().addPrompt(Prompt.of(name, "Added at run time"),
                            c -> GetPromptResult.of(null, PromptMessage.user("dynamic")));
                    return CallToolResult.text("added " + name);
                });
    }

    private static void resources(McpServer.Builder builder) {
        builder.resource(Resource.of("test://static-text", "static-text", "A static text resource", "text/plain"),
                call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain",
                        "This is the content of the static text resource.")));
        builder.resource(Resource.of("test://static-binary", "static-binary", "A static binary resource", "image/png"),
                call -> ReadResourceResult.of(BlobResourceContents.of(call.uri(), "image/png",
                        java.util.Base64.getDecoder().decode(PNG))));
        builder.resource(Resource.of("test://watched-resource", "watched-resource", "A resource to subscribe to",
                        "text/plain"),
                call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain", "Watched resource content")));
        builder.resourceTemplate(ResourceTemplate.of("test://template/{id}/data", "template-data",
                        "A resource template with an id", "application/json"),
                call -> {
                    String id = call.variables().get("id");
                    return ReadResourceResult.of(TextResourceContents.of(call.uri(), "application/json",
                            "{\"id\":\"" + id.replace("\"", "") + "\",\"templateTest\":true,\"data\":\"Data for ID: "
                                    + id.replace("\"", "") + "\"}"));
                });
    }

    private static void prompts(McpServer.Builder builder) {
        builder.prompt(Prompt.of("test_simple_prompt", "A simple prompt without arguments"),
                call -> GetPromptResult.of(null, PromptMessage.user("This is a simple prompt for testing.")));
        builder.prompt(Prompt.of("test_prompt_with_arguments", "A prompt with arguments",
                        PromptArgument.required("arg1", "First test argument"),
                        PromptArgument.required("arg2", "Second test argument")),
                call -> GetPromptResult.of(null, PromptMessage.user("Prompt with arguments: arg1='" + call.argument("arg1")
                        + "', arg2='" + call.argument("arg2") + "'")));
        builder.promptCompletion("test_prompt_with_arguments", "arg1", call -> List.of());
        builder.prompt(Prompt.of("test_prompt_with_embedded_resource", "A prompt with an embedded resource",
                        PromptArgument.required("resourceUri", "URI of the resource to embed")),
                call -> GetPromptResult.of(null,
                        new PromptMessage(Role.USER, EmbeddedResource.of(TextResourceContents.of(
                                call.argument("resourceUri"), "text/plain", "Embedded resource content for testing."))),
                        PromptMessage.user("Please process the embedded resource above.")));
        builder.prompt(Prompt.of("test_prompt_with_image", "A prompt with an image"),
                call -> GetPromptResult.of(null, new PromptMessage(Role.USER, ImageContent.of(PNG, "image/png")),
                        PromptMessage.user("Please analyze the image above.")));
        builder.prompt(Prompt.of("test_input_required_result_prompt", "A prompt that asks for context first"),
                call -> {
                    ElicitResult answer = (ElicitResult) call.ask(Map.of("user_context", ElicitRequest.form(
                            "What context should the prompt use?",
                            RequestedSchema.of(Map.of("context", StringSchema.of(null, "Context")), "context"))))
                            .get("user_context");
                    return GetPromptResult.of(null, PromptMessage.user("Use this context: "
                            + answer.content().get("context")));
                });
    }

    private static ElicitRequest nameQuestion() {
        return ElicitRequest.form("What is your name?",
                RequestedSchema.of(Map.of("name", StringSchema.of(null, null)), "name"));
    }

    private static CreateMessageRequest sampling(String prompt, int maxTokens) {
        return new CreateMessageRequest(CreateMessageRequestParams.of(List.of(SamplingMessage.user(prompt)), maxTokens));
    }

    private static String text(CreateMessageResult result) {
        return result.content().stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .findFirst().orElse("(no text)");
    }
}
