package dev.keel.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.keel.core.spi.EventBus;
import dev.keel.core.spi.SchemaSupport;
import dev.keel.core.spi.ServerEvent;
import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolRequestParams;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ListToolsResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Result;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tools: the registry, {@code tools/list} and {@code tools/call}. A call's arguments are checked
 * against the tool's schema and rules, bound to its input type, and its result adapted to the
 * revision (legacy tool lists drop non-object output schemas; structured content must match the
 * output schema).
 */
final class ToolsFeature implements Feature, Router.Deadline {

    private final Registry<ToolEntry<?, ?>> tools;
    private final EngineSettings settings;
    private final Paging paging;
    private final InputRounds rounds;
    private final SchemaSupport schemas;
    private final JsonMapper mapper;
    private final ParamsReader.Binders binders;

    ToolsFeature(EngineSettings settings, Paging paging, InputRounds rounds, SchemaSupport schemas, JsonMapper mapper,
            ParamsReader.Binders binders, EventBus events) {
        this.settings = settings;
        this.paging = paging;
        this.rounds = rounds;
        this.schemas = schemas;
        this.mapper = mapper;
        this.binders = binders;
        this.tools = new Registry<>("tool", () -> events.publish(new ServerEvent.ToolsChanged()));
    }

    @Override
    public void addRoutes(Router router) {
        router.add(McpMethods.TOOLS_LIST, Router.Era.BOTH, this::list, Router.NEVER);
        router.add(McpMethods.TOOLS_CALL, Router.Era.BOTH, this::call, this::mayBlock, this);
    }

    <A, R> void add(Tool<A, R> tool, ToolHandler<A, R> handler) {
        tools.add(tool.name(), new ToolEntry<>(tool, handler, schemas));
    }

    boolean remove(String name) {
        return tools.remove(name);
    }

    List<dev.keel.spec.Tool> descriptors() {
        return tools.values(entry -> entry.tool.descriptor());
    }

    /** The argument each {@code Mcp-Param-*} header of the named tool mirrors; null for an unknown tool. */
    Map<String, String> paramHeaders(String name) {
        ToolEntry<?, ?> entry = tools.get(name);
        return entry == null ? null : entry.paramHeaders;
    }

    private boolean mayBlock(RawJson params) {
        return mayBlock(params == null ? null : params.stringMember("name"));
    }

    /** Whether a call of the tool named {@code name} may block: an unknown tool is an error at once. */
    boolean mayBlock(String name) {
        ToolEntry<?, ?> entry = name == null ? null : tools.get(name);
        return entry != null && !entry.tool.nonBlocking();
    }

    @Override
    public Duration of(Call call) {
        String name = call.target();
        ToolEntry<?, ?> entry = name == null ? null : tools.get(name);
        return entry != null && entry.tool.timeout() != null ? entry.tool.timeout() : settings.requestTimeout();
    }

    @Override
    public Response expired(Call call, Duration limit) {
        return Response.success(call.id(), CallToolResult.error("Tool '" + call.target() + "' did not finish within "
                + Deadlines.describe(limit) + " and was stopped").adaptTo(call.context().protocolVersion()));
    }

    private Result list(Call call, CallContext context) {
        ProtocolVersion version = context.protocolVersion();
        Paging.Page<ToolEntry<?, ?>> page = paging.page(call, "tools", tools.values());
        List<dev.keel.spec.Tool> listed = page.items().stream().map(entry -> adapt(entry.tool.descriptor(), version))
                .toList();
        return new ListToolsResult(listed, page.next(), settings.listTtlMs(), settings.cacheScope(), null);
    }

    /** Legacy revisions require an object output schema; drop one that is not. */
    private static dev.keel.spec.Tool adapt(dev.keel.spec.Tool tool, ProtocolVersion version) {
        JsonNode output = tool.outputSchema();
        if (output != null && !version.isModern() && !"object".equals(output.path("type").asString(null))) {
            return tool.withOutputSchema(null);
        }
        return tool;
    }

    private Result call(Call call, CallContext context) throws Exception {
        ToolCallParams ahead = ToolCallParams.of(call);
        CallToolRequestParams params = (ahead != null ? ahead : ToolCallParams.read(call.params(), binders)).call();
        if (params.name() == null) {
            throw McpException.invalidParams("Invalid params: tools/call needs the name of a tool");
        }
        HeaderChecks.name(context, params.name());
        ToolEntry<?, ?> entry = tools.get(params.name());
        if (entry == null) {
            throw McpException.invalidParams("Unknown tool: " + params.name());
        }
        JsonNode arguments = params.arguments();
        if (arguments == null || arguments.isNull()) {
            arguments = Json.emptyObject();
        } else if (!arguments.isObject()) {
            throw McpException.invalidParams("Invalid params: the arguments of tool " + params.name()
                    + " must be a JSON object");
        }
        HeaderChecks.params(context, entry.paramHeaders, arguments);
        JsonNode checked = arguments;
        return rounds.run(context, McpMethods.TOOLS_CALL, params.name(), arguments, params.requestState(),
                params.inputResponses(), () -> run(entry, context, checked).adaptTo(context.protocolVersion()));
    }

    private <A, R> CallToolResult run(ToolEntry<A, R> entry, CallContext context, JsonNode arguments) throws Exception {
        String name = entry.tool.name();
        ProtocolVersion version = context.protocolVersion();
        List<SchemaSupport.Violation> problems = entry.check(arguments);
        if (!problems.isEmpty()) {
            return invalidArguments(name, problems, version);
        }
        A bound;
        try {
            bound = entry.tool.bind(arguments, mapper);
        } catch (JacksonException e) {
            return invalidArguments(name, List.of(new SchemaSupport.Violation("$", "type",
                    "the arguments do not match the tool's input type: " + e.getOriginalMessage())), version);
        }
        CallToolResult result = entry.call(context, arguments, bound, mapper);
        if (entry.hasOutputSchema() && !result.failed()) {
            if (result.structuredContent() == null) {
                throw new IllegalStateException("tool " + name + " declares an outputSchema but returned no"
                        + " structuredContent");
            }
            List<SchemaSupport.Violation> wrong = entry.checkOutput(result.structuredContent());
            if (!wrong.isEmpty()) {
                throw new IllegalStateException("tool " + name + " returned structuredContent that does not match"
                        + " its outputSchema: " + wrong);
            }
        }
        return result;
    }

    /**
     * Arguments that fail their schema or rules: a tool error the model can read and correct
     * (2025-11-25 and later), or invalid params before that.
     */
    private static CallToolResult invalidArguments(String tool, List<SchemaSupport.Violation> problems,
            ProtocolVersion version) {
        String message = "Invalid arguments for tool " + tool + ": "
                + problems.stream().map(SchemaSupport.Violation::message).collect(Collectors.joining("; "));
        if (version.atLeast(ProtocolVersion.V2025_11_25)) {
            return CallToolResult.error(message);
        }
        throw McpException.invalidParams(message, Map.of("violations", problems));
    }
}
