package dev.keel.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

import dev.keel.core.spi.EventBus;
import dev.keel.core.spi.Inbound;
import dev.keel.core.spi.SchemaSupport;
import dev.keel.core.spi.SessionStore;
import dev.keel.core.spi.StateStore;
import dev.keel.jsonrpc.JsonRpcLimits;
import dev.keel.spec.CacheScope;

/**
 * How the engine runs, apart from what it serves: limits, caching hints, time limits, threads, schema
 * support and the stores that let many nodes share state. {@link McpServer.Builder} inherits these
 * settings (as {@code StringBuilder} inherits from {@code AbstractStringBuilder}), so they are set
 * on the one builder applications use.
 *
 * @param <B> the builder, returned by every setter
 */
abstract class ServerOptions<B extends ServerOptions<B>> {

    JsonRpcLimits limits = JsonRpcLimits.defaults();
    InputLimits inputLimits = InputLimits.defaults();
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
    EventBus eventBus;
    Duration clientRequestTimeout = Duration.ofMinutes(10);
    Duration inputRequestTtl = Duration.ofMinutes(10);
    SessionStore sessionStore;
    StateStore stateStore;
    Duration sessionTtl = Duration.ofHours(1);

    ServerOptions() {
    }

    abstract B self();

    /**
     * Where change events go (default: an in-memory bus for this process). A shared bus
     * ({@code keel-redis}) lets a change on one node reach clients listening on every node. The
     * server does not close a bus given here.
     */
    public B eventBus(EventBus bus) {
        this.eventBus = Objects.requireNonNull(bus, "bus");
        return self();
    }

    /**
     * Where legacy sessions' data is kept (default: {@link SessionStore#inMemory()}). A shared store
     * ({@code keel-redis}) lets every node read what a session settled. The server does not close a
     * store given here.
     */
    public B sessionStore(SessionStore store) {
        this.sessionStore = Objects.requireNonNull(store, "store");
        return self();
    }

    /**
     * Where values behind handles and legacy sessions' own values are kept (default:
     * {@link StateStore#inMemory()}); handlers reach them with {@link RequestContext#state()}. A shared
     * store ({@code keel-redis}) lets any node serve the next call. The server does not close a store
     * given here.
     */
    public B stateStore(StateStore store) {
        this.stateStore = Objects.requireNonNull(store, "store");
        return self();
    }

    /**
     * How long the stores keep a legacy session's data after it was last used (default 1 hour). A
     * session in use is extended as it goes, and its data deleted when its connection closes; this
     * bounds how long the data of a session whose node went away lingers.
     */
    public B sessionTtl(Duration ttl) {
        if (requireNonNegative(ttl, "sessionTtl").isZero()) {
            throw new IllegalArgumentException("sessionTtl must be positive");
        }
        this.sessionTtl = ttl;
        return self();
    }

    /**
     * How long a handler waits for a legacy client to answer an elicitation, sampling or roots
     * request (default 10 minutes), unless the request's own deadline comes first.
     */
    public B clientRequestTimeout(Duration timeout) {
        this.clientRequestTimeout = requireNonNegative(timeout, "clientRequestTimeout");
        return self();
    }

    /**
     * How long a 2026-07-28 client may take to retry after an input-required result (default 10
     * minutes): the sealed {@code requestState} expires then.
     */
    public B inputRequestTtl(Duration ttl) {
        this.inputRequestTtl = requireNonNegative(ttl, "inputRequestTtl");
        return self();
    }

    /** How many items a page of a list holds (default 100); longer lists are paginated. */
    public B pageSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("pageSize must be positive, was " + size);
        }
        this.pageSize = size;
        return self();
    }

    /**
     * The keys that seal cursors and multi round-trip {@code requestState} (default: a random key
     * for this process). Nodes behind one load balancer need the same keys.
     */
    public B stateKeys(StateKeys keys) {
        this.stateKeys = Objects.requireNonNull(keys, "keys");
        return self();
    }

    /** The limits on every message read (default {@link JsonRpcLimits#defaults()}). */
    public B limits(JsonRpcLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return self();
    }

    /**
     * The caps on the names, URIs and subscriptions of one request or session (default
     * {@link InputLimits#defaults()}).
     */
    public B inputLimits(InputLimits limits) {
        this.inputLimits = Objects.requireNonNull(limits, "limits");
        return self();
    }

    /**
     * The most requests one connection may have running at once (default 1024); more are answered
     * at once with an error instead of queueing.
     */
    public B maxInFlightPerChannel(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxInFlightPerChannel must be positive, was " + max);
        }
        this.maxInFlightPerChannel = max;
        return self();
    }

    /** How long clients may cache {@code server/discover} (default 5 minutes). */
    public B discoverTtl(Duration ttl) {
        this.discoverTtl = requireNonNegative(ttl, "discoverTtl");
        return self();
    }

    /** How long clients may cache the tool, resource, template and prompt lists (default 1 minute). */
    public B listTtl(Duration ttl) {
        this.listTtl = requireNonNegative(ttl, "listTtl");
        return self();
    }

    /** How long clients may cache resource contents (default 0: re-read every time). */
    public B readTtl(Duration ttl) {
        this.readTtl = requireNonNegative(ttl, "readTtl");
        return self();
    }

    /** Who may share cached results (default {@link CacheScope#PUBLIC}). */
    public B cacheScope(CacheScope scope) {
        this.cacheScope = Objects.requireNonNull(scope, "scope");
        return self();
    }

    /** Whether modern results carry {@code io.modelcontextprotocol/serverInfo} in {@code _meta} (default true). */
    public B serverInfoInResults(boolean include) {
        this.serverInfoInResults = include;
        return self();
    }

    /**
     * How long a tool call, resource read or prompt may run unless the tool sets its own timeout
     * (default 5 minutes; {@link Duration#ZERO} for no limit). At the deadline the handler is
     * interrupted and the client gets a timeout error.
     */
    public B requestTimeout(Duration timeout) {
        this.requestTimeout = requireNonNegative(timeout, "requestTimeout");
        return self();
    }

    /**
     * Generates and validates JSON Schemas (default: the implementation on the class path, from
     * {@code keel-schema}; without one, arguments are not validated against their schema).
     */
    public B schemaSupport(SchemaSupport schemaSupport) {
        this.schemaSupport = Objects.requireNonNull(schemaSupport, "schemaSupport");
        return self();
    }

    /**
     * Where requests run (default: a new virtual thread each, or the transport's own thread for a
     * request that cannot block, see {@link Inbound.Threading}). With an executor of its own, every
     * request runs there.
     * The server does not shut it down.
     */
    public B executor(ExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return self();
    }

    private static Duration requireNonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
        return d;
    }
}
