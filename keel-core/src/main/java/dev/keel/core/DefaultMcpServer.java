package dev.keel.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.keel.core.spi.Channel;
import dev.keel.core.spi.EventBus;
import dev.keel.core.spi.MessageSink;
import dev.keel.core.spi.SchemaSupport;
import dev.keel.core.spi.ServerEvent;
import dev.keel.core.spi.SessionStore;
import dev.keel.core.spi.StateStore;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.spec.CacheScope;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.Implementation;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.Prompt;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.Result;
import dev.keel.spec.ServerCapabilities;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** The {@link McpServer}: registries, configuration, the chain, and the open channels. */
final class DefaultMcpServer implements McpServer {

    /** A registered tool with its compiled schemas. */
    static final class ToolEntry<A, R> {
        final Tool<A, R> tool;
        final ToolHandler<A, R> handler;
        /** The x-mcp-header annotations: header name to argument name. */
        final Map<String, String> paramHeaders;
        private final SchemaSupport.Validator input;
        private final SchemaSupport.Validator output;

        ToolEntry(Tool<A, R> tool, ToolHandler<A, R> handler, SchemaSupport schemas) {
            this.tool = tool;
            this.handler = handler;
            this.paramHeaders = ParamHeaders.of(tool.descriptor().inputSchema());
            this.input = schemas == null ? null : compile(schemas, tool.descriptor().inputSchema(), "inputSchema");
            JsonNode outputSchema = tool.descriptor().outputSchema();
            this.output = schemas == null || outputSchema == null ? null : compile(schemas, outputSchema, "outputSchema");
        }

        private SchemaSupport.Validator compile(SchemaSupport schemas, JsonNode schema, String what) {
            try {
                return schemas.compile(schema);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + what + " of tool " + tool.name() + " is not usable: "
                        + e.getMessage(), e);
            }
        }

        /** What is wrong with {@code arguments}: its schema first, then the tool's argument rules. */
        List<SchemaSupport.Violation> check(JsonNode arguments) {
            List<SchemaSupport.Violation> problems = input == null ? List.of() : input.validate(arguments);
            if (!problems.isEmpty() || tool.rules().isEmpty()) {
                return problems;
            }
            List<SchemaSupport.Violation> broken = new ArrayList<>();
            tool.rules().forEach((name, rule) -> {
                JsonNode value = arguments.get(name);
                if (value != null && !value.isNull()) {
                    String problem = rule.check(value);
                    if (problem != null) {
                        broken.add(new SchemaSupport.Violation(name, "rule", name + ": " + problem));
                    }
                }
            });
            return broken;
        }

        /** Whether the structured content of {@code result} matches the output schema; the violations if not. */
        List<SchemaSupport.Violation> checkOutput(JsonNode structured) {
            return output == null ? List.of() : output.validate(structured);
        }

        boolean hasOutputSchema() {
            return tool.descriptor().outputSchema() != null;
        }

        CallToolResult call(CallContext context, JsonNode arguments, A bound, JsonMapper mapper) throws Exception {
            R value;
            try {
                value = handler.handle(new HandlerCalls.ToolCallImpl<>(context, tool.name(), arguments, bound));
            } catch (ToolError e) {
                return CallToolResult.error(e.getMessage());
            }
            if (value == null) {
                throw new IllegalStateException("tool " + tool.name() + " returned null");
            }
            return tool.result(value, mapper);
        }
    }

    record ResourceEntry(Resource resource, ResourceHandler handler) {
    }

    record TemplateEntry(ResourceTemplate template, UriTemplate matcher, ResourceHandler handler) {
    }

    record PromptEntry(Prompt prompt, PromptHandler handler) {
    }

    private final Implementation serverInfo;
    private final String instructions;
    private final JsonRpcCodec codec;
    private final Map<ProtocolVersion, ObjectWriter> writers = new EnumMap<>(ProtocolVersion.class);
    private final ObjectWriter defaultWriter;
    private final ExecutorService executor;
    private final ParamsReader.Binders binders;
    /** Whether some middleware may block, so that every request needs a thread that may block. */
    private final boolean chainBlocks;
    private final Dispatcher dispatcher;
    /** Whether a request may run on a transport's thread ({@code Channel.serve}): no executor was configured. */
    private final boolean runsInline;
    private final int maxInFlightPerChannel;
    private final long discoverTtlMs;
    private final long listTtlMs;
    private final long readTtlMs;
    private final CacheScope cacheScope;
    private final boolean serverInfoInResults;
    private final SchemaSupport schemaSupport;
    private final Duration requestTimeout;
    private final Map<String, Object> serverInfoMeta;
    private volatile ScheduledExecutorService timers;
    private final int pageSize;
    private final Sealer sealer;
    private final Map<String, Completer> completers;
    private final EventBus events;
    private final Duration clientRequestTimeout;
    private final Duration inputRequestTtl;
    private final java.time.Clock clock = java.time.Clock.systemUTC();
    private final boolean ownsEvents;
    private final Stores stores;
    private final ServerCapabilities capabilities;
    private final MiddlewareChain chain;
    private final Registry<ToolEntry<?, ?>> tools = new Registry<>("tool");
    private final Registry<ResourceEntry> resources = new Registry<>("resource");
    private final Registry<TemplateEntry> templates = new Registry<>("resource template");
    private final Registry<PromptEntry> prompts = new Registry<>("prompt");
    private final Set<ServerChannel> channels = ConcurrentHashMap.newKeySet();

    DefaultMcpServer(McpServer.Builder builder) {
        this.serverInfo = new Implementation(builder.name, builder.version, builder.title, builder.description,
                builder.icons, builder.websiteUrl);
        this.instructions = builder.instructions;
        this.codec = JsonRpcCodec.create(builder.limits);
        this.binders = new ParamsReader.Binders(codec.mapper());
        for (ProtocolVersion version : ProtocolVersion.values()) {
            writers.put(version, codec.writer(version.view()));
        }
        this.defaultWriter = writers.get(ProtocolVersion.LATEST);
        this.runsInline = builder.executor == null;
        this.executor = builder.executor != null ? builder.executor
                : Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("keel-request-", 0).factory());
        this.maxInFlightPerChannel = builder.maxInFlightPerChannel;
        this.discoverTtlMs = builder.discoverTtl.toMillis();
        this.listTtlMs = builder.listTtl.toMillis();
        this.readTtlMs = builder.readTtl.toMillis();
        this.cacheScope = builder.cacheScope;
        this.serverInfoInResults = builder.serverInfoInResults;
        this.schemaSupport = builder.schemaSupport != null ? builder.schemaSupport
                : SchemaSupport.installed().orElse(null);
        if (schemaSupport == null) {
            System.getLogger("dev.keel.core").log(System.Logger.Level.WARNING,
                    "No JSON Schema support on the class path (add keel-schema): tool arguments and structured"
                            + " results are not validated against their schemas");
        }
        this.requestTimeout = builder.requestTimeout;
        this.pageSize = builder.pageSize;
        this.sealer = new Sealer(builder.stateKeys != null ? builder.stateKeys : StateKeys.random());
        this.completers = Map.copyOf(builder.completers);
        this.clientRequestTimeout = builder.clientRequestTimeout;
        this.inputRequestTtl = builder.inputRequestTtl;
        this.ownsEvents = builder.eventBus == null;
        this.events = ownsEvents ? EventBus.inMemory() : builder.eventBus;
        this.stores = new Stores(builder.sessionStore != null ? builder.sessionStore : SessionStore.inMemory(),
                builder.stateStore != null ? builder.stateStore : StateStore.inMemory(), builder.sessionTtl);
        this.serverInfoMeta = Map.of(MetaKeys.SERVER_INFO, serverInfo);
        this.capabilities = new ServerCapabilities(null, Map.of(), Map.of(), new ServerCapabilities.Prompts(true),
                new ServerCapabilities.Resources(true, true), new ServerCapabilities.Tools(true), null);
        List<Middleware> steps = new ArrayList<>();
        steps.add(new EraResolution(this));
        steps.add(new LifecycleGuard());
        steps.addAll(builder.middleware);
        this.dispatcher = new Dispatcher(this);
        this.chain = new MiddlewareChain(steps, dispatcher::dispatch);
        this.chainBlocks = steps.stream().anyMatch(Middleware::blocking);
        builder.registrations.forEach(registration -> registration.apply(this));
    }

    // ------------------------------------------------------------------ McpServer

    @Override
    public Implementation serverInfo() {
        return serverInfo;
    }

    @Override
    public JsonRpcCodec codec() {
        return codec;
    }

    @Override
    public Channel openChannel(MessageSink sink, Map<CallContext.Key<?>, Object> transportAttributes) {
        ServerChannel channel = new ServerChannel(this, Objects.requireNonNull(sink, "sink"),
                Objects.requireNonNull(transportAttributes, "transportAttributes"));
        channels.add(channel);
        return channel;
    }

    @Override
    public <A, R> void addTool(Tool<A, R> tool, ToolHandler<A, R> handler) {
        Objects.requireNonNull(handler, "handler");
        tools.add(tool.name(), new ToolEntry<>(tool, handler, schemaSupport));
        events.publish(new ServerEvent.ToolsChanged());
    }

    @Override
    public boolean removeTool(String name) {
        return changed(tools.remove(name), new ServerEvent.ToolsChanged());
    }

    /** Refuses a URI that is not an absolute RFC 3986 URI. */
    private static void requireUri(String uri, String what) {
        try {
            if (!new java.net.URI(uri).isAbsolute()) {
                throw new IllegalArgumentException("the " + what + " URI " + uri + " has no scheme");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the " + what + " URI " + uri + " is not a valid URI: " + e.getReason(), e);
        }
    }

    /** Publishes {@code event} if {@code removed}; returns {@code removed}. */
    private boolean changed(boolean removed, ServerEvent event) {
        if (removed) {
            events.publish(event);
        }
        return removed;
    }

    @Override
    public void notifyResourceUpdated(String uri) {
        events.publish(new ServerEvent.ResourceUpdated(Objects.requireNonNull(uri, "uri")));
    }

    @Override
    public void addResource(Resource resource, ResourceHandler handler) {
        Objects.requireNonNull(handler, "handler");
        requireUri(resource.uri(), "resource");
        MetaKeys.requireValid(resource.meta());
        resources.add(resource.uri(), new ResourceEntry(resource, handler));
        events.publish(new ServerEvent.ResourcesChanged());
    }

    @Override
    public boolean removeResource(String uri) {
        return changed(resources.remove(uri), new ServerEvent.ResourcesChanged());
    }

    @Override
    public void addResourceTemplate(ResourceTemplate template, ResourceHandler handler) {
        Objects.requireNonNull(handler, "handler");
        MetaKeys.requireValid(template.meta());
        templates.add(template.uriTemplate(), new TemplateEntry(template, new UriTemplate(template.uriTemplate()),
                handler));
        events.publish(new ServerEvent.ResourcesChanged());
    }

    @Override
    public boolean removeResourceTemplate(String uriTemplate) {
        return changed(templates.remove(uriTemplate), new ServerEvent.ResourcesChanged());
    }

    @Override
    public void addPrompt(Prompt prompt, PromptHandler handler) {
        Objects.requireNonNull(handler, "handler");
        MetaKeys.requireValid(prompt.meta());
        prompts.add(prompt.name(), new PromptEntry(prompt, handler));
        events.publish(new ServerEvent.PromptsChanged());
    }

    @Override
    public boolean removePrompt(String name) {
        return changed(prompts.remove(name), new ServerEvent.PromptsChanged());
    }

    @Override
    public List<dev.keel.spec.Tool> tools() {
        return tools.values(entry -> entry.tool.descriptor());
    }

    @Override
    public void close() {
        for (ServerChannel channel : new ArrayList<>(channels)) {
            channel.close();
        }
        ScheduledExecutorService t = timers;
        if (t != null) {
            t.shutdownNow();
        }
        if (ownsEvents) {
            events.close();
        }
    }

    // ------------------------------------------------------------------ engine internals

    /** The timer that enforces deadlines: one platform thread, created on first use. */
    ScheduledExecutorService timers() {
        ScheduledExecutorService t = timers;
        if (t == null) {
            synchronized (this) {
                t = timers;
                if (t == null) {
                    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                            Thread.ofPlatform().name("keel-deadlines").daemon(true).factory());
                    // nearly every deadline is disarmed long before it is due: without this, each would stay
                    // queued (with the request it captured) until then, minutes of requests at full load
                    timer.setRemoveOnCancelPolicy(true);
                    t = timer;
                    timers = t;
                }
            }
        }
        return t;
    }

    /** The default time a handler may run, or {@code null} for none. */
    Duration requestTimeout() {
        return requestTimeout.isZero() ? null : requestTimeout;
    }

    Duration clientRequestTimeout() {
        return clientRequestTimeout;
    }

    long inputRequestTtlMillis() {
        return inputRequestTtl.toMillis();
    }

    java.time.Clock clock() {
        return clock;
    }

    EventBus events() {
        return events;
    }

    /** Where sessions' data and handles' state are kept. */
    Stores stores() {
        return stores;
    }

    int pageSize() {
        return pageSize;
    }

    Sealer sealer() {
        return sealer;
    }

    Completer completer(String type, String name, String argument) {
        return completers.get(McpServer.Builder.completionKey(type, name, argument));
    }

    SchemaSupport schemaSupport() {
        return schemaSupport;
    }

    JsonMapper mapper() {
        return codec.mapper();
    }

    ParamsReader.Binders binders() {
        return binders;
    }

    /** {@code result} as a client of {@code version} receives it (modern results carry serverInfo). */
    Result withServerInfoIfModern(Result result, ProtocolVersion version) {
        return version != null && version.isModern() ? withServerInfo(result) : result;
    }

    /** {@code result} with {@code io.modelcontextprotocol/serverInfo} in its {@code _meta}, when configured. */
    Result withServerInfo(Result result) {
        if (!serverInfoInResults) {
            return result;
        }
        Map<String, Object> meta = result.meta();
        if (meta == null || meta.isEmpty()) {
            return result.withMeta(serverInfoMeta);
        }
        if (meta.containsKey(MetaKeys.SERVER_INFO)) {
            return result;
        }
        Map<String, Object> merged = new HashMap<>(meta);
        merged.put(MetaKeys.SERVER_INFO, serverInfo);
        return result.withMeta(merged);
    }

    void channelClosed(ServerChannel channel) {
        channels.remove(channel);
    }

    MiddlewareChain chain() {
        return chain;
    }

    boolean runsInline() {
        return runsInline;
    }

    /**
     * A {@code tools/call}'s params, read ahead on the receiving thread ({@link ToolCallParams}); null
     * for other methods and for params that are not valid.
     */
    ToolCallParams readAhead(dev.keel.jsonrpc.Request request) {
        return dev.keel.spec.McpMethods.TOOLS_CALL.equals(request.method()) ? ToolCallParams.readAhead(request.rawParams(), binders)
                : null;
    }

    /**
     * Whether serving {@code request} may block: some middleware may, or what it calls (see the
     * dispatcher). {@code toolCall} is its params read ahead, if it is a {@code tools/call}.
     */
    boolean mayBlock(dev.keel.jsonrpc.Request request, ToolCallParams toolCall) {
        if (chainBlocks) {
            return true;
        }
        return toolCall != null ? dispatcher.toolMayBlock(toolCall.call().name())
                : dispatcher.mayBlock(request.method(), request.rawParams());
    }

    ExecutorService executor() {
        return executor;
    }

    ObjectWriter writer(ProtocolVersion version) {
        return version == null ? defaultWriter : writers.get(version);
    }

    int maxInFlightPerChannel() {
        return maxInFlightPerChannel;
    }

    ServerCapabilities capabilities() {
        return capabilities;
    }

    String instructions() {
        return instructions;
    }

    long discoverTtlMs() {
        return discoverTtlMs;
    }

    long listTtlMs() {
        return listTtlMs;
    }

    long readTtlMs() {
        return readTtlMs;
    }

    CacheScope cacheScope() {
        return cacheScope;
    }

    boolean serverInfoInResults() {
        return serverInfoInResults;
    }

    Registry<ToolEntry<?, ?>> toolRegistry() {
        return tools;
    }

    Registry<ResourceEntry> resourceRegistry() {
        return resources;
    }

    Registry<TemplateEntry> templateRegistry() {
        return templates;
    }

    Registry<PromptEntry> promptRegistry() {
        return prompts;
    }
}
