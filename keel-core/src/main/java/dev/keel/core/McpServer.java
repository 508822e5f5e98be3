package dev.keel.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

import dev.keel.core.spi.Channel;
import dev.keel.core.spi.ComponentScanner;
import dev.keel.core.spi.MessageSink;
import dev.keel.core.spi.SchemaSupport;
import dev.keel.core.spi.SessionStore;
import dev.keel.core.spi.StateStore;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.JsonRpcLimits;
import dev.keel.spec.CacheScope;
import dev.keel.spec.Icon;
import dev.keel.spec.Implementation;
import dev.keel.spec.Prompt;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;

/**
 * An MCP server: tools, resources and prompts behind one engine that speaks every protocol revision
 * from 2024-11-05 to 2026-07-28. Transports reach it through {@link #openChannel}.
 *
 * <pre>{@code
 * McpServer server = McpServer.builder()
 *         .name("weather").version("1.0.0")
 *         .tool(Tool.builder("forecast").inputSchema(schema).build(),
 *               call -> CallToolResult.text(forecast(call.arguments().path("city").asString())))
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe. Tools, resources and prompts may be added and removed while the server runs;
 * lists keep registration order.
 */
public interface McpServer extends AutoCloseable {

    /** Starts building a server. */
    static Builder builder() {
        return new Builder();
    }

    /** The server's name and version, as clients see them. */
    Implementation serverInfo();

    /** The codec (and mapper) the server reads and writes with. */
    JsonRpcCodec codec();

    /** Opens a channel for one connection whose messages go to {@code sink}. */
    default Channel openChannel(MessageSink sink) {
        return openChannel(sink, Map.of());
    }

    /**
     * Opens a channel for one connection whose messages go to {@code sink}, with what the transport
     * knows about the connection (remote address, credentials) as attributes of every request.
     */
    Channel openChannel(MessageSink sink, Map<CallContext.Key<?>, Object> transportAttributes);

    /**
     * Adds a tool.
     *
     * @throws IllegalArgumentException if a tool of that name exists
     */
    <A, R> void addTool(Tool<A, R> tool, ToolHandler<A, R> handler);

    /** Removes the tool named {@code name}; {@code false} if there was none. */
    boolean removeTool(String name);

    /**
     * Adds a resource.
     *
     * @throws IllegalArgumentException if a resource with that URI exists
     */
    void addResource(Resource resource, ResourceHandler handler);

    /** Removes the resource with {@code uri}; {@code false} if there was none. */
    boolean removeResource(String uri);

    /**
     * Adds a resource template; reads of URIs it matches go to {@code handler}.
     *
     * @throws IllegalArgumentException if a template with that URI template exists
     */
    void addResourceTemplate(ResourceTemplate template, ResourceHandler handler);

    /** Removes the template with {@code uriTemplate}; {@code false} if there was none. */
    boolean removeResourceTemplate(String uriTemplate);

    /**
     * Adds a prompt.
     *
     * @throws IllegalArgumentException if a prompt of that name exists
     */
    void addPrompt(Prompt prompt, PromptHandler handler);

    /** Removes the prompt named {@code name}; {@code false} if there was none. */
    boolean removePrompt(String name);

    /**
     * Tells clients that subscribed to {@code uri} (legacy {@code resources/subscribe}, or a
     * 2026-07-28 listen stream) that the resource changed.
     */
    void notifyResourceUpdated(String uri);

    /**
     * Registers the tools, resources and prompts {@code component} declares: its methods annotated
     * {@code @Tool}, {@code @Resource} and {@code @Prompt}, with {@code keel-annotations} on the class path.
     * Either everything it declares is registered, or nothing is.
     *
     * <pre>{@code
     * server.register(new WeatherTools());
     * }</pre>
     *
     * @throws IllegalArgumentException if a declaration is wrong (the message names the method), if the
     *     object declares nothing, or if a name it declares is already registered
     * @throws IllegalStateException if no {@link ComponentScanner} is on the class path
     */
    default void register(Object component) {
        Objects.requireNonNull(component, "component");
        ComponentScanner.installed().orElseThrow(() -> new IllegalStateException("registering the annotated methods of "
                + component.getClass().getName() + " needs keel-annotations on the class path"))
                .register(component, this);
    }

    /** The tools, in registration order. */
    List<dev.keel.spec.Tool> tools();

    /** Closes every open channel, cancelling what runs on it. */
    @Override
    void close();

    /**
     * Builds a {@link McpServer}; not thread-safe. Every setting has a sensible default; only the
     * server's name and version deserve to be set by every application.
     */
    final class Builder {
        String name = "keel";
        String version = "0.1.0";
        String title;
        String description;
        String websiteUrl;
        List<Icon> icons;
        String instructions;
        final List<Registration> registrations = new ArrayList<>();
        final List<Middleware> middleware = new ArrayList<>();
        JsonRpcLimits limits = JsonRpcLimits.defaults();
        int maxInFlightPerChannel = 1024;
        Duration discoverTtl = Duration.ofMinutes(5);
        Duration listTtl = Duration.ofMinutes(1);
        Duration readTtl = Duration.ZERO;
        CacheScope cacheScope = CacheScope.PUBLIC;
        boolean serverInfoInResults = true;
        ExecutorService executor;
        SchemaSupport schemaSupport;
        Duration requestTimeout = Duration.ofMinutes(5);
        int pageSize = 100;
        StateKeys stateKeys;
        final java.util.Map<String, Completer> completers = new java.util.LinkedHashMap<>();
        dev.keel.core.spi.EventBus eventBus;
        Duration clientRequestTimeout = Duration.ofMinutes(10);
        Duration inputRequestTtl = Duration.ofMinutes(10);
        SessionStore sessionStore;
        StateStore stateStore;
        Duration sessionTtl = Duration.ofHours(1);

        Builder() {
        }

        /** The server's programmatic name (default {@code keel}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The server's version (default {@code 0.1.0}). */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** A display name. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** What the server is, for people (2025-11-25 and later). */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The server's home page (2025-11-25 and later). */
        public Builder websiteUrl(String websiteUrl) {
            this.websiteUrl = websiteUrl;
            return this;
        }

        /** The server's icons (2025-11-25 and later). */
        public Builder icons(List<Icon> icons) {
            this.icons = List.copyOf(icons);
            return this;
        }

        /** Guidance for the model on using this server as a whole (not a copy of tool descriptions). */
        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        /** Registers a tool. */
        public <A, R> Builder tool(Tool<A, R> tool, ToolHandler<A, R> handler) {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(handler, "handler");
            registrations.add(server -> server.addTool(tool, handler));
            return this;
        }

        /**
         * Registers the tools, resources and prompts {@code component} declares, when the server is built; see
         * {@link McpServer#register(Object)}.
         */
        public Builder register(Object component) {
            Objects.requireNonNull(component, "component");
            registrations.add(server -> server.register(component));
            return this;
        }

        /** Registers a resource. */
        public Builder resource(Resource resource, ResourceHandler handler) {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(handler, "handler");
            registrations.add(server -> server.addResource(resource, handler));
            return this;
        }

        /** Registers a resource template. */
        public Builder resourceTemplate(ResourceTemplate template, ResourceHandler handler) {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(handler, "handler");
            registrations.add(server -> server.addResourceTemplate(template, handler));
            return this;
        }

        /** Registers a prompt. */
        public Builder prompt(Prompt prompt, PromptHandler handler) {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(handler, "handler");
            registrations.add(server -> server.addPrompt(prompt, handler));
            return this;
        }

        /**
         * Completes argument {@code argument} of prompt {@code prompt} with {@code completer}
         * ({@code completion/complete} with a {@code ref/prompt}).
         */
        public Builder promptCompletion(String prompt, String argument, Completer completer) {
            completers.put(completionKey("ref/prompt", prompt, argument), Objects.requireNonNull(completer, "completer"));
            return this;
        }

        /**
         * Completes variable {@code variable} of the resource template {@code uriTemplate} with
         * {@code completer} ({@code completion/complete} with a {@code ref/resource}).
         */
        public Builder resourceCompletion(String uriTemplate, String variable, Completer completer) {
            completers.put(completionKey("ref/resource", uriTemplate, variable),
                    Objects.requireNonNull(completer, "completer"));
            return this;
        }

        static String completionKey(String type, String name, String argument) {
            return type + '\u0000' + Objects.requireNonNull(name, "name") + '\u0000'
                    + Objects.requireNonNull(argument, "argument");
        }

        /**
         * Where change events go (default: an in-memory bus for this process). A shared bus
         * ({@code keel-redis}) lets a change on one node reach clients listening on every node. The
         * server does not close a bus given here.
         */
        public Builder eventBus(dev.keel.core.spi.EventBus bus) {
            this.eventBus = Objects.requireNonNull(bus, "bus");
            return this;
        }

        /**
         * Where legacy sessions' data is kept (default: {@link SessionStore#inMemory()}). A shared store
         * ({@code keel-redis}) lets every node read what a session settled. The server does not close a
         * store given here.
         */
        public Builder sessionStore(SessionStore store) {
            this.sessionStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where values behind handles and legacy sessions' own values are kept (default:
         * {@link StateStore#inMemory()}); handlers reach them with {@link RequestContext#state()}. A shared
         * store ({@code keel-redis}) lets any node serve the next call. The server does not close a store
         * given here.
         */
        public Builder stateStore(StateStore store) {
            this.stateStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * How long the stores keep a legacy session's data after it was last used (default 1 hour). A
         * session in use is extended as it goes, and its data deleted when its connection closes; this
         * bounds how long the data of a session whose node went away lingers.
         */
        public Builder sessionTtl(Duration ttl) {
            if (requireNonNegative(ttl, "sessionTtl").isZero()) {
                throw new IllegalArgumentException("sessionTtl must be positive");
            }
            this.sessionTtl = ttl;
            return this;
        }

        /**
         * How long a handler waits for a legacy client to answer an elicitation, sampling or roots
         * request (default 10 minutes), unless the request's own deadline comes first.
         */
        public Builder clientRequestTimeout(Duration timeout) {
            this.clientRequestTimeout = requireNonNegative(timeout, "clientRequestTimeout");
            return this;
        }

        /**
         * How long a 2026-07-28 client may take to retry after an input-required result (default 10
         * minutes): the sealed {@code requestState} expires then.
         */
        public Builder inputRequestTtl(Duration ttl) {
            this.inputRequestTtl = requireNonNegative(ttl, "inputRequestTtl");
            return this;
        }

        /** How many items a page of a list holds (default 100); longer lists are paginated. */
        public Builder pageSize(int size) {
            if (size <= 0) {
                throw new IllegalArgumentException("pageSize must be positive, was " + size);
            }
            this.pageSize = size;
            return this;
        }

        /**
         * The keys that seal cursors and multi round-trip {@code requestState} (default: a random key
         * for this process). Nodes behind one load balancer need the same keys.
         */
        public Builder stateKeys(StateKeys keys) {
            this.stateKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Adds middleware; the first added runs outermost. */
        public Builder middleware(Middleware... middleware) {
            for (Middleware m : middleware) {
                this.middleware.add(Objects.requireNonNull(m, "middleware"));
            }
            return this;
        }

        /** The limits on every message read (default {@link JsonRpcLimits#defaults()}). */
        public Builder limits(JsonRpcLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The most requests one connection may have running at once (default 1024); more are answered
         * at once with an error instead of queueing.
         */
        public Builder maxInFlightPerChannel(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxInFlightPerChannel must be positive, was " + max);
            }
            this.maxInFlightPerChannel = max;
            return this;
        }

        /** How long clients may cache {@code server/discover} (default 5 minutes). */
        public Builder discoverTtl(Duration ttl) {
            this.discoverTtl = requireNonNegative(ttl, "discoverTtl");
            return this;
        }

        /** How long clients may cache the tool, resource, template and prompt lists (default 1 minute). */
        public Builder listTtl(Duration ttl) {
            this.listTtl = requireNonNegative(ttl, "listTtl");
            return this;
        }

        /** How long clients may cache resource contents (default 0: re-read every time). */
        public Builder readTtl(Duration ttl) {
            this.readTtl = requireNonNegative(ttl, "readTtl");
            return this;
        }

        /** Who may share cached results (default {@link CacheScope#PUBLIC}). */
        public Builder cacheScope(CacheScope scope) {
            this.cacheScope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /** Whether modern results carry {@code io.modelcontextprotocol/serverInfo} in {@code _meta} (default true). */
        public Builder serverInfoInResults(boolean include) {
            this.serverInfoInResults = include;
            return this;
        }

        /**
         * How long a tool call, resource read or prompt may run unless the tool sets its own timeout
         * (default 5 minutes; {@link Duration#ZERO} for no limit). At the deadline the handler is
         * interrupted and the client gets a timeout error.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = requireNonNegative(timeout, "requestTimeout");
            return this;
        }

        /**
         * Generates and validates JSON Schemas (default: the implementation on the class path, from
         * {@code keel-schema}; without one, arguments are not validated against their schema).
         */
        public Builder schemaSupport(SchemaSupport schemaSupport) {
            this.schemaSupport = Objects.requireNonNull(schemaSupport, "schemaSupport");
            return this;
        }

        /**
         * Where requests run (default: a new virtual thread each, or the transport's own thread for a
         * request that cannot block, see {@code Channel.serve}). With an executor of its own, every
         * request runs there.
         * The server does not shut it down.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        private static Duration requireNonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative, was " + d);
            }
            return d;
        }

        /** The server. */
        public McpServer build() {
            return new DefaultMcpServer(this);
        }

        @FunctionalInterface
        interface Registration {
            void apply(McpServer server);
        }
    }
}
