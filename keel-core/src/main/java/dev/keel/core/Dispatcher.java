package dev.keel.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.keel.core.spi.SchemaSupport;
import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolRequestParams;
import dev.keel.spec.CompleteRequestParams;
import dev.keel.spec.CompleteResult;
import dev.keel.spec.PromptReference;
import dev.keel.spec.ResourceTemplateReference;
import dev.keel.spec.SetLevelRequestParams;
import dev.keel.spec.SubscribeRequestParams;
import dev.keel.spec.SubscriptionFilter;
import dev.keel.spec.SubscriptionsAcknowledgedNotificationParams;
import dev.keel.spec.SubscriptionsListenRequestParams;
import dev.keel.spec.SubscriptionsListenResult;
import dev.keel.spec.MetaKeys;
import dev.keel.jsonrpc.Notification;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.DiscoverResult;
import dev.keel.spec.EmptyResult;
import dev.keel.spec.GetPromptRequestParams;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.InitializeResult;
import dev.keel.spec.InputRequiredResult;
import dev.keel.spec.ListPromptsResult;
import dev.keel.spec.ListResourceTemplatesResult;
import dev.keel.spec.ListResourcesResult;
import dev.keel.spec.ListToolsResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.PaginatedRequestParams;
import dev.keel.spec.PromptArgument;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.ReadResourceRequestParams;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Result;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The engine's last step: finds the method, binds its parameters, runs the handler and adapts the
 * result to the revision in use. Every failure becomes a JSON-RPC error here; nothing escapes.
 */
final class Dispatcher {

    /** How a method is served, and in which eras it exists. */
    /**
     * A method: the eras that have it, its handler, and whether serving it may block (it calls
     * application code, or waits by design) for the params it is given.
     */
    private record Method(boolean modern, boolean legacy, Handler handler, java.util.function.Predicate<RawJson> mayBlock) {
        boolean availableIn(ProtocolVersion version) {
            return version.isModern() ? modern : legacy;
        }
    }

    private static final java.util.function.Predicate<RawJson> NEVER = params -> false;
    private static final java.util.function.Predicate<RawJson> ALWAYS = params -> true;

    @FunctionalInterface
    private interface Handler {
        Result handle(Call call, CallContext context) throws Exception;
    }

    private final DefaultMcpServer server;
    private final Map<String, Method> methods = new HashMap<>();

    Dispatcher(DefaultMcpServer server) {
        this.server = server;
        methods.put(McpMethods.INITIALIZE, new Method(false, true, this::initialize, this::writesSession));
        methods.put(McpMethods.PING, new Method(false, true, (call, context) -> EmptyResult.instance(), NEVER));
        methods.put(McpMethods.SERVER_DISCOVER, new Method(true, false, this::discover, NEVER));
        methods.put(McpMethods.TOOLS_LIST, new Method(true, true, this::listTools, NEVER));
        methods.put(McpMethods.TOOLS_CALL, new Method(true, true, this::callTool, this::toolMayBlock));
        methods.put(McpMethods.RESOURCES_LIST, new Method(true, true, this::listResources, NEVER));
        methods.put(McpMethods.RESOURCES_TEMPLATES_LIST, new Method(true, true, this::listResourceTemplates, NEVER));
        methods.put(McpMethods.RESOURCES_READ, new Method(true, true, this::readResource, ALWAYS));
        methods.put(McpMethods.PROMPTS_LIST, new Method(true, true, this::listPrompts, NEVER));
        methods.put(McpMethods.PROMPTS_GET, new Method(true, true, this::getPrompt, ALWAYS));
        methods.put(McpMethods.LOGGING_SET_LEVEL, new Method(false, true, this::setLevel, this::writesSession));
        methods.put(McpMethods.RESOURCES_SUBSCRIBE, new Method(false, true, this::subscribe, this::writesSession));
        methods.put(McpMethods.RESOURCES_UNSUBSCRIBE, new Method(false, true, this::unsubscribe, this::writesSession));
        methods.put(McpMethods.SUBSCRIPTIONS_LISTEN, new Method(true, false, this::listen, ALWAYS));
        methods.put(McpMethods.COMPLETION_COMPLETE, new Method(true, true, this::complete, ALWAYS));
    }

    /**
     * Whether serving {@code method} with {@code params} may block. What the engine answers by itself
     * never does, nor does an unknown method or tool (an error at once); a tool's handler may, unless
     * the tool was declared non-blocking.
     */
    boolean mayBlock(String method, RawJson params) {
        Method m = methods.get(method);
        return m != null && m.mayBlock().test(params);
    }

    /** A method that writes the session's data waits for its stores when they may block. */
    private boolean writesSession(RawJson params) {
        return server.stores().sessionWritesBlock();
    }

    private boolean toolMayBlock(RawJson params) {
        return toolMayBlock(params == null ? null : params.stringMember("name"));
    }

    /** Whether a call of the tool named {@code name} may block: an unknown tool is an error at once. */
    boolean toolMayBlock(String name) {
        DefaultMcpServer.ToolEntry<?, ?> entry = name == null ? null : server.toolRegistry().get(name);
        return entry != null && !entry.tool.nonBlocking();
    }

    Response dispatch(Call call) {
        CallContext context = call.context();
        ProtocolVersion version = context.protocolVersion();
        try {
            Method method = methods.get(call.method());
            if (method == null || !method.availableIn(version)) {
                throw McpException.methodNotFound("Method not found: " + call.method()
                        + (method == null ? "" : " is not part of protocol revision " + version.id()));
            }
            Result result = method.handler().handle(call, context);
            if (result == null) {
                throw new IllegalStateException("the handler of " + call.method() + " returned null");
            }
            return Response.success(call.id(), result);
        } catch (InterruptedException e) {
            // the handler is done; the interrupt was for it alone and must not reach the transport's write
            return Response.failure(call.id(), McpException.internalError("The request was cancelled").toError(version));
        } catch (Exception e) {
            return Response.failure(call.id(), Failures.toError(e, version, call.method()));
        }
    }

    // ------------------------------------------------------------------ lifecycle and discovery

    private Result initialize(Call call, CallContext context) {
        LegacySession session = LegacySession.open(server.stores(), context);
        if (!context.channel.openSession(session)) {
            session.end();
            throw McpException.invalidRequest("Invalid Request: this connection's session is already initialized");
        }
        context.sessionId(session.id);
        return new InitializeResult(session.version.id(), server.capabilities(), server.serverInfo(),
                server.instructions(), null);
    }

    private Result discover(Call call, CallContext context) {
        return new DiscoverResult(ProtocolVersion.supportedIds(), server.capabilities(), server.instructions(),
                server.discoverTtlMs(), server.cacheScope(), null);
    }

    // ------------------------------------------------------------------ tools

    private Result listTools(Call call, CallContext context) {
        ProtocolVersion version = context.protocolVersion();
        Page<DefaultMcpServer.ToolEntry<?, ?>> page = page(call, "tools", server.toolRegistry().values());
        List<dev.keel.spec.Tool> tools = page.items().stream().map(entry -> adapt(entry.tool.descriptor(), version))
                .toList();
        return new ListToolsResult(tools, page.next(), server.listTtlMs(), server.cacheScope(), null);
    }

    /** Legacy revisions require an object output schema; drop one that is not. */
    private static dev.keel.spec.Tool adapt(dev.keel.spec.Tool tool, ProtocolVersion version) {
        JsonNode output = tool.outputSchema();
        if (output != null && !version.isModern() && !"object".equals(output.path("type").asString(null))) {
            return tool.withOutputSchema(null);
        }
        return tool;
    }

    private Result callTool(Call call, CallContext context) throws Exception {
        ToolCallParams ahead = ToolCallParams.of(call);
        CallToolRequestParams params = (ahead != null ? ahead : ToolCallParams.read(call.params(), server.binders())).call();
        if (params.name() == null) {
            throw McpException.invalidParams("Invalid params: tools/call needs the name of a tool");
        }
        HeaderChecks.name(context, params.name());
        DefaultMcpServer.ToolEntry<?, ?> entry = server.toolRegistry().get(params.name());
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
        startAsking(context, McpMethods.TOOLS_CALL, params.name(), arguments, params.requestState(),
                params.inputResponses());
        try {
            CallToolResult result = runTool(entry, context, arguments);
            return context.input != null && context.input.pending != null ? inputRequired(context)
                    : result.adaptTo(context.protocolVersion());
        } catch (InputState.Needed needed) {
            return inputRequired(context);
        }
    }

    /**
     * Lets the handler ask the client; in 2026-07-28, also opens the answers the request carries
     * (its sealed requestState and inputResponses), checking they belong to this very request.
     */
    private void startAsking(CallContext context, String method, String name, JsonNode arguments,
            String requestState, Map<String, dev.keel.spec.InputResponse> inputResponses) {
        context.mayAskClient = true;
        if (context.isModern()) {
            java.security.Principal principal = context.get(CallContext.PRINCIPAL);
            context.input = InputState.resume(method, name, arguments, principal == null ? null : principal.getName(),
                    requestState, inputResponses, server.sealer(), server.mapper(), server.clock());
        }
    }

    /** The input-required result for the question the handler is waiting on, with the sealed state. */
    private Result inputRequired(CallContext context) {
        InputState.Needed needed = context.input.pending;
        return InputRequiredResult.of(needed.requests,
                context.input.seal(server.sealer(), server.mapper(), server.clock(), server.inputRequestTtlMillis()));
    }

    private <A, R> CallToolResult runTool(DefaultMcpServer.ToolEntry<A, R> entry, CallContext context,
            JsonNode arguments) throws Exception {
        String name = entry.tool.name();
        ProtocolVersion version = context.protocolVersion();
        List<SchemaSupport.Violation> problems = entry.check(arguments);
        if (!problems.isEmpty()) {
            return invalidArguments(name, problems, version);
        }
        A bound;
        try {
            bound = entry.tool.bind(arguments, server.mapper());
        } catch (JacksonException e) {
            return invalidArguments(name, List.of(new SchemaSupport.Violation("$", "type",
                    "the arguments do not match the tool's input type: " + e.getOriginalMessage())), version);
        }
        Duration timeout = entry.tool.timeout() != null ? entry.tool.timeout() : server.requestTimeout();
        armDeadline(context, timeout, () -> Response.success(context.inFlight.id, server.withServerInfoIfModern(
                CallToolResult.error("Tool '" + name + "' did not finish within " + describe(timeout)
                        + " and was stopped"), version)));
        CallToolResult result = entry.call(context, arguments, bound, server.mapper());
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

    /** Stops the handler at {@code timeout} from now, answering with {@code onTimeout}; none if null. */
    private void armDeadline(CallContext context, Duration timeout, java.util.function.Supplier<Response> onTimeout) {
        InFlight f = context.inFlight;
        if (timeout == null || f == null) {
            return;
        }
        ProtocolVersion version = context.protocolVersion();
        ServerChannel channel = context.channel;
        // the timer only starts the work: the answer is written by a thread of its own, so that a client slow
        // to read it never holds back the deadlines of others
        java.util.concurrent.ScheduledFuture<?> timer = server.timers().schedule(() -> Thread.ofVirtual()
                .name("keel-deadline").start(() -> {
                    Response response = onTimeout.get();
                    f.expire(channel.encode(response, version), ServerChannel.code(response));
                }), timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        f.deadline(java.time.Instant.now().plus(timeout), timer);
    }

    private static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private Response timeoutFailure(CallContext context, String method, Duration timeout) {
        return Response.failure(context.inFlight.id, McpException.internalError(method + " did not finish within "
                + describe(timeout) + " and was stopped").toError(context.protocolVersion()));
    }

    // ------------------------------------------------------------------ resources

    private Result listResources(Call call, CallContext context) {
        Page<DefaultMcpServer.ResourceEntry> page = page(call, "resources", server.resourceRegistry().values());
        return new ListResourcesResult(page.items().stream().map(DefaultMcpServer.ResourceEntry::resource).toList(),
                page.next(), server.listTtlMs(), server.cacheScope(), null);
    }

    private Result listResourceTemplates(Call call, CallContext context) {
        Page<DefaultMcpServer.TemplateEntry> page = page(call, "templates", server.templateRegistry().values());
        return new ListResourceTemplatesResult(
                page.items().stream().map(DefaultMcpServer.TemplateEntry::template).toList(), page.next(),
                server.listTtlMs(), server.cacheScope(), null);
    }

    private Result readResource(Call call, CallContext context) throws Exception {
        ReadResourceRequestParams params = bind(call.params(), ReadResourceRequestParams.class, "resources/read");
        String uri = params.uri();
        if (uri == null) {
            throw McpException.invalidParams("Invalid params: resources/read needs a uri");
        }
        HeaderChecks.name(context, uri);
        Duration timeout = server.requestTimeout();
        armDeadline(context, timeout, () -> timeoutFailure(context, "resources/read", timeout));
        startAsking(context, McpMethods.RESOURCES_READ, uri, null, params.requestState(), params.inputResponses());
        try {
            Result read = read(context, uri);
            return context.input != null && context.input.pending != null ? inputRequired(context) : read;
        } catch (InputState.Needed needed) {
            return inputRequired(context);
        }
    }

    private Result read(CallContext context, String uri) throws Exception {
        ReadResourceResult result = null;
        DefaultMcpServer.ResourceEntry resource = server.resourceRegistry().get(uri);
        if (resource != null) {
            result = resource.handler().read(new HandlerCalls.ResourceCallImpl(context, uri, Map.of()));
        } else {
            for (DefaultMcpServer.TemplateEntry template : server.templateRegistry().values()) {
                Map<String, String> variables = template.matcher().match(uri);
                if (variables != null) {
                    result = template.handler().read(new HandlerCalls.ResourceCallImpl(context, uri, variables));
                    break;
                }
            }
            if (result == null) {
                throw McpException.resourceNotFound(uri);
            }
        }
        if (result == null || result.contents().isEmpty()) {
            throw new IllegalStateException("the handler of resource " + uri + " returned no contents");
        }
        return result.withCache(server.readTtlMs(), server.cacheScope());
    }

    // ------------------------------------------------------------------ prompts

    private Result listPrompts(Call call, CallContext context) {
        Page<DefaultMcpServer.PromptEntry> page = page(call, "prompts", server.promptRegistry().values());
        return new ListPromptsResult(page.items().stream().map(DefaultMcpServer.PromptEntry::prompt).toList(),
                page.next(), server.listTtlMs(), server.cacheScope(), null);
    }

    private Result getPrompt(Call call, CallContext context) throws Exception {
        GetPromptRequestParams params = bind(call.params(), GetPromptRequestParams.class, "prompts/get");
        if (params.name() == null) {
            throw McpException.invalidParams("Invalid params: prompts/get needs the name of a prompt");
        }
        HeaderChecks.name(context, params.name());
        DefaultMcpServer.PromptEntry entry = server.promptRegistry().get(params.name());
        if (entry == null) {
            throw McpException.invalidParams("Unknown prompt: " + params.name());
        }
        Map<String, String> arguments = params.arguments() == null ? Map.of() : params.arguments();
        if (entry.prompt().arguments() != null) {
            for (PromptArgument argument : entry.prompt().arguments()) {
                if (Boolean.TRUE.equals(argument.required()) && arguments.get(argument.name()) == null) {
                    throw McpException.invalidParams("Missing required argument: " + argument.name());
                }
            }
        }
        Duration timeout = server.requestTimeout();
        armDeadline(context, timeout, () -> timeoutFailure(context, "prompts/get", timeout));
        startAsking(context, McpMethods.PROMPTS_GET, params.name(), server.mapper().valueToTree(arguments),
                params.requestState(), params.inputResponses());
        GetPromptResult result;
        try {
            result = entry.handler().get(new HandlerCalls.PromptCallImpl(context, params.name(),
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments))));
        } catch (InputState.Needed needed) {
            return inputRequired(context);
        }
        if (context.input != null && context.input.pending != null) {
            return inputRequired(context);
        }
        if (result == null) {
            throw new IllegalStateException("prompt " + params.name() + " returned null");
        }
        return result.adaptTo(context.protocolVersion());
    }

    // ------------------------------------------------------------------ helpers

    private static <T> T bind(RawJson params, Class<T> type, String method) {
        if (params == null) {
            throw McpException.invalidParams("Invalid params: " + method + " needs params");
        }
        try {
            return params.bind(type);
        } catch (JacksonException e) {
            throw Failures.bindingFailure(method + " params are malformed", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw McpException.invalidParams("Invalid params: " + method + " params are malformed: " + e.getMessage());
        }
    }

    /** One page of a list and the sealed cursor of the next, if any. */
    private record Page<T>(List<T> items, String next) {
    }

    /**
     * The page of {@code all} that the request's cursor points at. Cursors are sealed (AES-GCM) and
     * bound to their list: a forged, altered or other list's cursor is invalid params.
     */
    private <T> Page<T> page(Call call, String list, List<T> all) {
        int offset = 0;
        if (call.params() != null) {
            String cursor = bind(call.params(), PaginatedRequestParams.class, call.method()).cursor();
            if (cursor != null) {
                offset = openCursor(cursor, list);
            }
        }
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + server.pageSize());
        String next = to < all.size() ? server.sealer().seal((list + ":" + to).getBytes(StandardCharsets.US_ASCII),
                "cursor") : null;
        return new Page<>(all.subList(from, to), next);
    }

    private int openCursor(String cursor, String list) {
        byte[] plain = server.sealer().open(cursor, "cursor");
        String text = plain == null ? "" : new String(plain, StandardCharsets.US_ASCII);
        int colon = text.indexOf(':');
        if (colon < 0 || !text.substring(0, colon).equals(list)) {
            throw McpException.invalidParams("Invalid params: the cursor is not one this server issued for "
                    + call(list));
        }
        return Integer.parseInt(text.substring(colon + 1));
    }

    private static String call(String list) {
        return switch (list) {
            case "templates" -> "resources/templates/list";
            default -> list + "/list";
        };
    }

    // ------------------------------------------------------------------ change notifications

    private Result subscribe(Call call, CallContext context) {
        context.channel.session().subscribe(resourceUri(call, McpMethods.RESOURCES_SUBSCRIBE));
        return EmptyResult.instance();
    }

    private Result unsubscribe(Call call, CallContext context) {
        context.channel.session().unsubscribe(resourceUri(call, McpMethods.RESOURCES_UNSUBSCRIBE));
        return EmptyResult.instance();
    }

    private static String resourceUri(Call call, String method) {
        SubscribeRequestParams params = bind(call.params(), SubscribeRequestParams.class, method);
        try {
            new java.net.URI(params.uri());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw McpException.invalidParams("Invalid params: " + method + " needs a valid uri");
        }
        return params.uri();
    }

    /**
     * {@code subscriptions/listen}: acknowledges the kinds of notification it will send, then sends
     * them, each tagged with this request's id, until the client cancels the request or the server
     * ends it (with a closing result).
     */
    private Result listen(Call call, CallContext context) throws InterruptedException {
        SubscriptionsListenRequestParams params = bind(call.params(), SubscriptionsListenRequestParams.class,
                McpMethods.SUBSCRIPTIONS_LISTEN);
        if (params.notifications() == null) {
            throw McpException.invalidParams("Invalid params: subscriptions/listen needs notifications");
        }
        SubscriptionFilter honoured = Subscriptions.honoured(params.notifications());
        InFlight f = context.inFlight;
        ServerChannel channel = context.channel;
        // subscribe before acknowledging, so no change after the request is missed; send from this
        // thread, so a slow client never holds up the bus for anyone else
        java.util.concurrent.BlockingQueue<dev.keel.core.spi.ServerEvent> events =
                new java.util.concurrent.LinkedBlockingQueue<>();
        try (dev.keel.core.spi.EventBus.Subscription subscription = server.events().subscribe(events::add)) {
            channel.sendOn(f, new Notification(McpMethods.NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED,
                    new SubscriptionsAcknowledgedNotificationParams(honoured,
                            Map.of(MetaKeys.SUBSCRIPTION_ID, call.id()))));
            while (true) {
                Notification notification = Subscriptions.modern(events.take(), honoured, call.id());
                if (notification != null) {
                    channel.sendOn(f, notification);
                }
            }
        } catch (InterruptedException e) {
            if (f.aborted()) {
                return SubscriptionsListenResult.of(call.id());
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ logging and completion

    private Result setLevel(Call call, CallContext context) {
        SetLevelRequestParams params = bind(call.params(), SetLevelRequestParams.class, "logging/setLevel");
        if (params.level() == null) {
            throw McpException.invalidParams("Invalid params: logging/setLevel needs a level");
        }
        context.channel.session().logLevel(params.level());
        return EmptyResult.instance();
    }

    private Result complete(Call call, CallContext context) throws Exception {
        CompleteRequestParams params = bind(call.params(), CompleteRequestParams.class, "completion/complete");
        String type;
        String name;
        switch (params.ref()) {
            case PromptReference prompt -> {
                type = "ref/prompt";
                name = prompt.name();
                DefaultMcpServer.PromptEntry entry = server.promptRegistry().get(name);
                if (entry == null) {
                    throw McpException.invalidParams("Unknown prompt: " + name);
                }
                boolean declared = entry.prompt().arguments() != null && entry.prompt().arguments().stream()
                        .anyMatch(a -> a.name().equals(params.argument().name()));
                if (!declared) {
                    throw McpException.invalidParams("Prompt " + name + " has no argument " + params.argument().name());
                }
            }
            case ResourceTemplateReference template -> {
                type = "ref/resource";
                name = template.uri();
                if (server.templateRegistry().get(name) == null && server.resourceRegistry().get(name) == null) {
                    throw McpException.invalidParams("Unknown resource template: " + name);
                }
            }
        }
        Completer completer = server.completer(type, name, params.argument().name());
        if (completer == null) {
            return CompleteResult.of(List.of());
        }
        Map<String, String> resolved = params.context() == null || params.context().arguments() == null ? Map.of()
                : Map.copyOf(params.context().arguments());
        List<String> values = completer.complete(new HandlerCalls.CompletionCallImpl(context, params.argument().name(),
                params.argument().value(), resolved));
        return CompleteResult.of(values == null ? List.of() : values);
    }
}
