package dev.keel.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Connector;
import dev.keel.core.spi.EventBus;
import dev.keel.core.spi.MessageSink;
import dev.keel.core.spi.SchemaSupport;
import dev.keel.core.spi.ServerEvent;
import dev.keel.core.spi.SessionStore;
import dev.keel.core.spi.StateStore;
import dev.keel.core.spi.Timers;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.Request;
import dev.keel.spec.Implementation;
import dev.keel.spec.McpMethods;
import dev.keel.spec.Prompt;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link McpServer}: assembles the engine from the builder and holds the open channels.
 *
 * <pre>
 * chain:   EraResolution → LifecycleGuard → user middleware… → Deadlines → Router
 * routes:  LifecycleFeature  ToolsFeature  ResourcesFeature  PromptsFeature
 *          CompletionFeature  LoggingFeature  ListenFeature
 * </pre>
 *
 * Each feature owns its registry and its methods; what they share (settings, paging, multi
 * round-trip state) they are given when they are made.
 */
final class DefaultMcpServer implements McpServer, Connector {

    private final EngineSettings settings;
    private final JsonRpcCodec codec;
    private final Map<ProtocolVersion, ObjectWriter> writers = new EnumMap<>(ProtocolVersion.class);
    private final ObjectWriter defaultWriter;
    private final ExecutorService executor;
    /** Whether a request may run on a transport's thread ({@code Channel.serve}): no executor was configured. */
    private final boolean runsInline;
    private final ParamsReader.Binders binders;
    private final SchemaSupport schemaSupport;
    private final EventBus events;
    private final boolean ownsEvents;
    private final Stores stores;
    private final ToolsFeature tools;
    private final ResourcesFeature resources;
    private final PromptsFeature prompts;
    private final Router router = new Router();
    private final MiddlewareChain chain;
    /** Whether some middleware may block, so that every request needs a thread that may block. */
    private final boolean chainBlocks;
    private final RequestScope.Services services;
    private volatile Timers timers;
    private final Set<ServerChannel> channels = ConcurrentHashMap.newKeySet();

    DefaultMcpServer(McpServer.Builder builder) {
        this.settings = EngineSettings.of(builder);
        this.codec = JsonRpcCodec.create(builder.limits);
        this.binders = new ParamsReader.Binders(codec.mapper(), builder.limits, builder.inputLimits);
        for (ProtocolVersion version : ProtocolVersion.values()) {
            writers.put(version, codec.writer(version.view()));
        }
        this.defaultWriter = writers.get(ProtocolVersion.LATEST);
        this.runsInline = builder.executor == null;
        this.executor = builder.executor != null ? builder.executor
                : Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("keel-request-", 0).factory());
        this.schemaSupport = builder.schemaSupport != null ? builder.schemaSupport
                : SchemaSupport.installed().orElse(null);
        if (schemaSupport == null) {
            System.getLogger("dev.keel.core").log(System.Logger.Level.WARNING,
                    "No JSON Schema support on the class path (add keel-schema): tool arguments and structured"
                            + " results are not validated against their schemas");
        }
        this.ownsEvents = builder.eventBus == null;
        this.events = ownsEvents ? EventBus.inMemory() : builder.eventBus;
        this.stores = new Stores(builder.sessionStore != null ? builder.sessionStore : SessionStore.inMemory(),
                builder.stateStore != null ? builder.stateStore : StateStore.inMemory(), builder.sessionTtl);

        JsonMapper mapper = codec.mapper();
        this.services = new RequestScope.Services(schemaSupport, mapper, stores, settings.clientRequestTimeout());
        Sealer sealer = new Sealer(builder.stateKeys != null ? builder.stateKeys : StateKeys.random());
        Paging paging = new Paging(sealer, settings.pageSize());
        InputRounds rounds = new InputRounds(sealer, mapper, settings);
        this.tools = new ToolsFeature(settings, paging, rounds, schemaSupport, mapper, binders, events);
        this.resources = new ResourcesFeature(settings, paging, rounds, events, stores);
        this.prompts = new PromptsFeature(settings, paging, rounds, mapper, events);
        List<Feature> features = List.of(new LifecycleFeature(settings, stores), tools, resources, prompts,
                new CompletionFeature(builder.completers, prompts, resources, settings.inputLimits()), new LoggingFeature(stores),
                new ListenFeature(events, settings));
        features.forEach(feature -> feature.addRoutes(router));

        EraResolution era = new EraResolution(settings, binders);
        List<Middleware> steps = new ArrayList<>();
        steps.add(era);
        steps.add(new LifecycleGuard());
        steps.addAll(builder.middleware);
        steps.add(new Deadlines(router, this::timers, era));
        this.chain = new MiddlewareChain(steps, router::dispatch);
        this.chainBlocks = steps.stream().anyMatch(Middleware::blocking);
        builder.registrations.forEach(registration -> registration.apply(this));
    }

    // ------------------------------------------------------------------ McpServer

    @Override
    public Implementation serverInfo() {
        return settings.serverInfo();
    }

    @Override
    public JsonRpcCodec codec() {
        return codec;
    }

    @Override
    public Connector connector() {
        return this;
    }

    @Override
    public Channel open(MessageSink sink, Map<CallContext.Key<?>, Object> attributes) {
        ServerChannel channel = new ServerChannel(this, Objects.requireNonNull(sink, "sink"),
                Objects.requireNonNull(attributes, "attributes"));
        channels.add(channel);
        return channel;
    }

    @Override
    public <A, R> void addTool(Tool<A, R> tool, ToolHandler<A, R> handler) {
        tools.add(tool, Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public boolean removeTool(String name) {
        return tools.remove(name);
    }

    @Override
    public List<dev.keel.spec.Tool> tools() {
        return tools.descriptors();
    }

    @Override
    public void notifyResourceUpdated(String uri) {
        events.publish(new ServerEvent.ResourceUpdated(Objects.requireNonNull(uri, "uri")));
    }

    @Override
    public void addResource(Resource resource, ResourceHandler handler) {
        resources.add(resource, Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public boolean removeResource(String uri) {
        return resources.remove(uri);
    }

    @Override
    public void addResourceTemplate(ResourceTemplate template, ResourceHandler handler) {
        resources.addTemplate(template, Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public boolean removeResourceTemplate(String uriTemplate) {
        return resources.removeTemplate(uriTemplate);
    }

    @Override
    public void addPrompt(Prompt prompt, PromptHandler handler) {
        prompts.add(prompt, Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public boolean removePrompt(String name) {
        return prompts.remove(name);
    }

    @Override
    public void close() {
        for (ServerChannel channel : new ArrayList<>(channels)) {
            channel.close();
        }
        Timers t = timers;
        if (t != null) {
            t.close();
        }
        if (ownsEvents) {
            events.close();
        }
    }

    // ------------------------------------------------------------------ what channels and calls use

    /** The timer that enforces deadlines: one platform thread of Keel's own, created on first use. */
    Timers timers() {
        Timers t = timers;
        if (t == null) {
            synchronized (this) {
                t = timers;
                if (t == null) {
                    t = new Timers("keel-deadlines");
                    timers = t;
                }
            }
        }
        return t;
    }

    EngineSettings settings() {
        return settings;
    }

    MiddlewareChain chain() {
        return chain;
    }

    boolean runsInline() {
        return runsInline;
    }

    ExecutorService executor() {
        return executor;
    }

    ObjectWriter writer(ProtocolVersion version) {
        return version == null ? defaultWriter : writers.get(version);
    }

    EventBus events() {
        return events;
    }

    /** What every request's handler view reaches beyond its request. */
    RequestScope.Services services() {
        return services;
    }

    void channelClosed(ServerChannel channel) {
        channels.remove(channel);
    }

    /**
     * A {@code tools/call}'s params, read ahead on the receiving thread ({@link ToolCallParams}); null
     * for other methods and for params that are not valid.
     */
    ToolCallParams readAhead(Request request) {
        return McpMethods.TOOLS_CALL.equals(request.method()) ? ToolCallParams.readAhead(request.rawParams(), binders)
                : null;
    }

    /**
     * Whether serving {@code request} may block: some middleware may, or what its route calls.
     * {@code toolCall} is its params read ahead, if it is a {@code tools/call}.
     */
    boolean mayBlock(Request request, ToolCallParams toolCall) {
        if (chainBlocks) {
            return true;
        }
        return toolCall != null ? tools.mayBlock(toolCall.call().name())
                : router.mayBlock(request.method(), request.rawParams());
    }
}
