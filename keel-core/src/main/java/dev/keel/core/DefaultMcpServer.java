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
import dev.keel.core.spi.MessageSink;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.spec.CacheScope;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.Implementation;
import dev.keel.spec.Prompt;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.ServerCapabilities;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/** The {@link McpServer}: registries, configuration, the chain, and the open channels. */
final class DefaultMcpServer implements McpServer {

    record ToolEntry<A>(Tool<A> tool, ToolHandler<A> handler) {
        CallToolResult call(CallContext context, JsonNode arguments) throws Exception {
            A bound = tool.bind(arguments);
            return handler.handle(new HandlerCalls.ToolCallImpl<>(context, tool.name(), arguments, bound));
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
    private final int maxInFlightPerChannel;
    private final long discoverTtlMs;
    private final long listTtlMs;
    private final long readTtlMs;
    private final CacheScope cacheScope;
    private final boolean serverInfoInResults;
    private final ServerCapabilities capabilities;
    private final MiddlewareChain chain;
    private final Registry<ToolEntry<?>> tools = new Registry<>("tool");
    private final Registry<ResourceEntry> resources = new Registry<>("resource");
    private final Registry<TemplateEntry> templates = new Registry<>("resource template");
    private final Registry<PromptEntry> prompts = new Registry<>("prompt");
    private final Set<ServerChannel> channels = ConcurrentHashMap.newKeySet();

    DefaultMcpServer(McpServer.Builder builder) {
        this.serverInfo = new Implementation(builder.name, builder.version, builder.title, builder.description,
                builder.icons, builder.websiteUrl);
        this.instructions = builder.instructions;
        this.codec = JsonRpcCodec.create(builder.limits);
        for (ProtocolVersion version : ProtocolVersion.values()) {
            writers.put(version, codec.writer(version.view()));
        }
        this.defaultWriter = writers.get(ProtocolVersion.LATEST);
        this.executor = builder.executor != null ? builder.executor
                : Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("keel-request-", 0).factory());
        this.maxInFlightPerChannel = builder.maxInFlightPerChannel;
        this.discoverTtlMs = builder.discoverTtl.toMillis();
        this.listTtlMs = builder.listTtl.toMillis();
        this.readTtlMs = builder.readTtl.toMillis();
        this.cacheScope = builder.cacheScope;
        this.serverInfoInResults = builder.serverInfoInResults;
        this.capabilities = new ServerCapabilities(null, null, null, new ServerCapabilities.Prompts(null),
                new ServerCapabilities.Resources(null, null), new ServerCapabilities.Tools(null), null);
        List<Middleware> steps = new ArrayList<>();
        steps.add(new EraResolution(this));
        steps.add(new LifecycleGuard());
        steps.addAll(builder.middleware);
        Dispatcher dispatcher = new Dispatcher(this);
        this.chain = new MiddlewareChain(steps, dispatcher::dispatch);
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
    public <A> void addTool(Tool<A> tool, ToolHandler<A> handler) {
        Objects.requireNonNull(handler, "handler");
        tools.add(tool.name(), new ToolEntry<>(tool, handler));
    }

    @Override
    public boolean removeTool(String name) {
        return tools.remove(name);
    }

    @Override
    public void addResource(Resource resource, ResourceHandler handler) {
        Objects.requireNonNull(handler, "handler");
        resources.add(resource.uri(), new ResourceEntry(resource, handler));
    }

    @Override
    public boolean removeResource(String uri) {
        return resources.remove(uri);
    }

    @Override
    public void addResourceTemplate(ResourceTemplate template, ResourceHandler handler) {
        Objects.requireNonNull(handler, "handler");
        templates.add(template.uriTemplate(), new TemplateEntry(template, new UriTemplate(template.uriTemplate()),
                handler));
    }

    @Override
    public boolean removeResourceTemplate(String uriTemplate) {
        return templates.remove(uriTemplate);
    }

    @Override
    public void addPrompt(Prompt prompt, PromptHandler handler) {
        Objects.requireNonNull(handler, "handler");
        prompts.add(prompt.name(), new PromptEntry(prompt, handler));
    }

    @Override
    public boolean removePrompt(String name) {
        return prompts.remove(name);
    }

    @Override
    public List<dev.keel.spec.Tool> tools() {
        return tools.values(entry -> entry.tool().descriptor());
    }

    @Override
    public void close() {
        for (ServerChannel channel : new ArrayList<>(channels)) {
            channel.close();
        }
    }

    // ------------------------------------------------------------------ engine internals

    void channelClosed(ServerChannel channel) {
        channels.remove(channel);
    }

    MiddlewareChain chain() {
        return chain;
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

    Registry<ToolEntry<?>> toolRegistry() {
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
