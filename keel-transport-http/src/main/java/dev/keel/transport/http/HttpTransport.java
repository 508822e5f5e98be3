package dev.keel.transport.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.keel.core.McpServer;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.EventStore;
import dev.keel.core.spi.Transport;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * MCP over Streamable HTTP on Jetty 12: the 2026-07-28 revision and the legacy session-based ones on
 * one endpoint, and, on request, the deprecated HTTP+SSE transport of 2024-11-05 beside it.
 *
 * <pre>{@code
 * HttpTransport http = HttpTransport.builder().port(8080).build();
 * http.start(server);            // serves http://127.0.0.1:8080/mcp
 * ...
 * http.stop(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Hardened by default: bound to 127.0.0.1; browser origins other than this machine's refused
 * (403); when bound to loopback, a {@code Host} other than a loopback name refused (DNS rebinding);
 * bodies capped at 4 MiB (413) and headers at 16 KiB (431); slow headers and bodies cut off while other
 * clients are served; connections and requests in flight capped (503 with {@code Retry-After}); legacy
 * sessions closed after an idle TTL and capped in number, the oldest idle evicted first.
 *
 * <p>Jetty keeps its platform threads: a request that cannot block is served on the thread that parsed
 * it, any other on a virtual thread, and nothing that waits ever holds a platform thread. Other handlers (a WebSocket endpoint) can be mounted
 * beside the MCP endpoint with {@link Builder#mount}.
 */
public final class HttpTransport implements Transport {

    private static final System.Logger LOG = System.getLogger("dev.keel.transport.http");

    /**
     * Makes a handler to mount at {@code path} on the transport's server, given the Jetty server, the
     * MCP server and the transport's guards (which a mounted endpoint must apply too).
     */
    @FunctionalInterface
    public interface Mount {
        Handler create(String path, Server jetty, McpServer server, Guards guards);

        /** Called when the transport stops, before its listener closes: end what the handler holds open. */
        default void stop() {
        }

        /**
         * Whether the handler may block (wait for I/O, hold a stream open): it then runs on a virtual
         * thread, never on one of Jetty's platform threads. Default true.
         */
        default boolean blocking() {
            return true;
        }
    }

    /** The transport's checks, for mounted handlers that must apply them too. */
    public record Guards(OriginPolicy origins, Set<String> hosts) {
        /** Whether a request with these {@code Origin} and {@code Host} headers may proceed. */
        public boolean allows(String origin, String host) {
            return origins.allows(origin) && (hosts == null || hosts.contains(McpHttpHandler.hostName(host)));
        }
    }

    private final Builder builder;
    private final HttpSettings settings;
    private Server jetty;
    private ServerConnector connector;
    private McpHttpHandler handler;
    private LegacySseEndpoint legacySse;
    private Sessions sessions;
    private SlowHeaderGuard guard;
    private volatile boolean sweeping;

    private HttpTransport(Builder builder) {
        this.builder = builder;
        this.settings = new HttpSettings(builder.path, builder.origins, builder.hosts(), builder.maxRequestBytes,
                builder.keepAlive, builder.retry, builder.maxInFlight, builder.retryAfter,
                builder.eventStore != null ? builder.eventStore : EventStore.inMemory(1024, 8L << 20),
                builder.legacySse, builder.ssePath, builder.messagesPath);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void start(McpServer server) {
        if (jetty != null) {
            throw new IllegalStateException("the transport is started already");
        }
        // Jetty's own threads are platform threads: requests that cannot block are served on them with no
        // hand-off, and everything that may wait moves to a virtual thread (McpHttpHandler, Exchanges)
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(8, Runtime.getRuntime().availableProcessors() * 2), 2);
        threads.setName("keel-http");
        Server server0 = new Server(threads);
        server0.setStopTimeout(builder.stopTimeout.toMillis());

        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(builder.maxHeaderBytes);
        config.setResponseHeaderSize(Math.max(8192, builder.maxHeaderBytes));
        ServerConnector connector0 = new ServerConnector(server0, 1, 1, new HttpConnectionFactory(config));
        connector0.setHost(builder.host);
        connector0.setPort(builder.port);
        connector0.setIdleTimeout(builder.idleTimeout.toMillis());
        server0.addConnector(connector0);
        server0.addBean(new NetworkConnectionLimit(builder.maxConnections, server0));

        SlowHeaderGuard guard0 = new SlowHeaderGuard(server0.getScheduler(), builder.headerTimeout.toNanos());
        connector0.addEventListener(guard0);
        Sessions sessions0 = new Sessions(builder.maxSessions, builder.sessionIdleTtl.toNanos());
        McpHttpHandler handler0 = new McpHttpHandler(server, settings, sessions0, guard0);

        PathMappingsHandler paths = new PathMappingsHandler.NoContext();
        paths.addMapping(PathSpec.from(settings.path()), handler0);
        LegacySseEndpoint sse = null;
        if (settings.legacySse()) {
            sse = new LegacySseEndpoint(server, settings, builder.maxSessions);
            Handler onVirtualThreads = new VirtualThreadHandler(sse);
            paths.addMapping(PathSpec.from(settings.ssePath()), onVirtualThreads);
            paths.addMapping(PathSpec.from(settings.messagesPath()), onVirtualThreads);
        }
        Guards guards = new Guards(settings.origins(), settings.hosts());
        for (Map.Entry<String, Mount> mount : builder.mounts.entrySet()) {
            Handler mounted = mount.getValue().create(mount.getKey(), server0, server, guards);
            paths.addMapping(PathSpec.from(mount.getKey()), mount.getValue().blocking()
                    ? new VirtualThreadHandler(mounted) : mounted);
        }
        Handler rated = builder.minRequestBytesPerSecond > 0
                ? new MinimumDataRateHandler(paths, builder.minRequestBytesPerSecond, 0) : paths;
        server0.setHandler(new GracefulHandler(rated));
        try {
            server0.start();
        } catch (Exception e) {
            try {
                server0.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("could not start HTTP on " + builder.host + ":" + builder.port + ": "
                    + e.getMessage(), e);
        }
        jetty = server0;
        connector = connector0;
        handler = handler0;
        legacySse = sse;
        sessions = sessions0;
        guard = guard0;
        guard0.start();
        sweeping = true;
        scheduleSweep();
        scheduleKeepAlives();
        LOG.log(System.Logger.Level.INFO, "Serving MCP over HTTP at {0}", url());
        LoggingBackend.adviseIfMissing(LOG);
    }

    private void scheduleSweep() {
        long every = Math.max(50, Math.min(builder.sessionIdleTtl.toMillis() / 4, 30_000));
        jetty.getScheduler().schedule(() -> {
            if (!sweeping) {
                return;
            }
            try {
                int closed = sessions.sweep();
                if (closed > 0) {
                    LOG.log(System.Logger.Level.DEBUG, "Closed {0} session(s) idle for more than {1}", closed,
                            builder.sessionIdleTtl);
                }
            } finally {
                scheduleSweep();
            }
        }, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Keep-alives for running 2026-07-28 requests: checked a few times per interval, so that a
     * comment goes out between one and one and a quarter intervals after the last write. One timer for
     * all requests, rather than one scheduled per request: most requests end long before.
     */
    private void scheduleKeepAlives() {
        long every = Math.max(10, builder.keepAlive.toMillis() / 4);
        jetty.getScheduler().schedule(() -> {
            if (!sweeping) {
                return;
            }
            try {
                handler.keepAlives();
            } finally {
                scheduleKeepAlives();
            }
        }, every, TimeUnit.MILLISECONDS);
    }

    /** The port the transport listens on (the one picked, if configured with 0). */
    public int port() {
        ServerConnector c = connector;
        if (c == null) {
            throw new IllegalStateException("the transport is not started");
        }
        return c.getLocalPort();
    }

    /** The MCP endpoint's URL. */
    public URI url() {
        String host = builder.host;
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + settings.path());
    }

    /** The open legacy sessions; for tests in this package. */
    Sessions sessions() {
        return sessions;
    }

    /** How many legacy sessions are open. */
    public int sessionCount() {
        Sessions s = sessions;
        return s == null ? 0 : s.size();
    }

    /**
     * Stops taking requests (new ones get 503), lets running ones finish for up to {@code grace},
     * cancels the rest, ends every session and stream, and closes the listener.
     */
    @Override
    public void stop(Duration grace) {
        Server server;
        synchronized (this) {
            server = jetty;
            if (server == null) {
                return;
            }
            jetty = null;
        }
        sweeping = false;
        guard.stop();
        handler.stopAccepting();
        List<Channel> channels = new ArrayList<>(handler.requestChannels());
        // sessions stay reachable while their requests drain: a running request may wait on its client's answer
        List<HttpSession> open = sessions.snapshot();
        open.forEach(s -> {
            if (s.channel != null) {
                channels.add(s.channel);
            }
        });
        if (legacySse != null) {
            channels.addAll(legacySse.stopAccepting());
        }
        List<Thread> waiting = new ArrayList<>();
        for (Channel channel : channels) {
            waiting.add(Thread.ofVirtual().name("keel-http-stop").start(() -> channel.shutdown(grace)));
        }
        for (Thread t : waiting) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sessions.drain().forEach(HttpSession::close);
        if (legacySse != null) {
            legacySse.closeAll();
        }
        builder.mounts.values().forEach(mount -> {
            try {
                mount.stop();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A mounted endpoint failed to stop: {0}", e.toString());
            }
        });
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Stopping HTTP did not complete cleanly: {0}", e.toString());
        }
    }

    /** Builds an {@link HttpTransport}; every setting has a safe default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private String path = "/mcp";
        private OriginPolicy origins = OriginPolicy.loopback();
        private Set<String> allowedHosts;
        private long maxRequestBytes = 4L << 20;
        private int maxHeaderBytes = 16 << 10;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration headerTimeout = Duration.ofSeconds(10);
        private long minRequestBytesPerSecond = 1024;
        private int maxConnections = 10_000;
        private int maxInFlight = 4096;
        private Duration retryAfter = Duration.ofSeconds(1);
        private Duration keepAlive = Duration.ofSeconds(10);
        private Duration retry = Duration.ofSeconds(1);
        private int maxSessions = 10_000;
        private Duration sessionIdleTtl = Duration.ofMinutes(30);
        private EventStore eventStore;
        private boolean legacySse;
        private String ssePath = "/sse";
        private String messagesPath = "/messages";
        private Duration stopTimeout = Duration.ofSeconds(5);
        private final Map<String, Mount> mounts = new LinkedHashMap<>();

        private Builder() {
        }

        /** The address to bind; default {@code 127.0.0.1}. Binding elsewhere turns off the Host check unless {@link #allowedHosts} is set. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; {@code 0} picks a free one ({@link #port()} tells which). Default 8080. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** The MCP endpoint's path; default {@code /mcp}. */
        public Builder path(String path) {
            this.path = requirePath(path, "path");
            return this;
        }

        /** Which browser origins may call; default {@link OriginPolicy#loopback()}. */
        public Builder origins(OriginPolicy origins) {
            this.origins = Objects.requireNonNull(origins, "origins");
            return this;
        }

        /**
         * The host names requests may address in their {@code Host} header (DNS rebinding protection).
         * Default: the loopback names when bound to a loopback address, no check otherwise.
         */
        public Builder allowedHosts(Collection<String> hosts) {
            this.allowedHosts = hosts.stream().map(h -> McpHttpHandler.hostName(h)).collect(Collectors.toUnmodifiableSet());
            return this;
        }

        /** The largest request body accepted (413 beyond); default 4 MiB. */
        public Builder maxRequestBytes(long bytes) {
            this.maxRequestBytes = positive(bytes, "maxRequestBytes");
            return this;
        }

        /** The largest request line and headers accepted (431 beyond); default 16 KiB. */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = (int) positive(bytes, "maxHeaderBytes");
            return this;
        }

        /** How long a connection may stay silent; default 30 s. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /** How long a client may take to send a request's head once it started; default 10 s. */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = positive(timeout, "headerTimeout");
            return this;
        }

        /** The slowest a request body may arrive, in bytes per second (0: no minimum); default 1024. */
        public Builder minRequestBytesPerSecond(long rate) {
            if (rate < 0) {
                throw new IllegalArgumentException("minRequestBytesPerSecond must not be negative");
            }
            this.minRequestBytesPerSecond = rate;
            return this;
        }

        /** The most connections open at once (further ones wait in the accept queue); default 10,000. */
        public Builder maxConnections(int max) {
            this.maxConnections = (int) positive(max, "maxConnections");
            return this;
        }

        /** The most POSTs being served at once (503 with Retry-After beyond); default 4096. */
        public Builder maxInFlight(int max) {
            this.maxInFlight = (int) positive(max, "maxInFlight");
            return this;
        }

        /** The {@code Retry-After} of a 503; default 1 s. */
        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = positive(retryAfter, "retryAfter");
            return this;
        }

        /**
         * How often a quiet SSE stream gets a keep-alive comment; also how long a 2026-07-28 request runs
         * before its response turns into a stream, so that a client that closes it cancels the request.
         * Default 10 s.
         */
        public Builder keepAlive(Duration interval) {
            this.keepAlive = positive(interval, "keepAlive");
            return this;
        }

        /** The reconnection delay legacy streams announce ({@code retry:}); default 1 s. */
        public Builder retry(Duration retry) {
            this.retry = positive(retry, "retry");
            return this;
        }

        /** The most legacy sessions open at once (the oldest idle one evicted for a new one); default 10,000. */
        public Builder maxSessions(int max) {
            this.maxSessions = (int) positive(max, "maxSessions");
            return this;
        }

        /** How long an unused legacy session lives; default 30 min. */
        public Builder sessionIdleTtl(Duration ttl) {
            this.sessionIdleTtl = positive(ttl, "sessionIdleTtl");
            return this;
        }

        /** Where legacy streams' events wait to be resumed; default {@link EventStore#inMemory} (1024 events, 8 MiB per session). */
        public Builder eventStore(EventStore store) {
            this.eventStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Also serves the deprecated HTTP+SSE transport of 2024-11-05 for old clients: GET {@code /sse}
         * opens a session's stream, POST {@code /messages?sessionId=…} carries its messages.
         */
        public Builder legacySse(boolean enabled) {
            this.legacySse = enabled;
            return this;
        }

        /** The paths of the deprecated HTTP+SSE transport; default {@code /sse} and {@code /messages}. */
        public Builder legacySsePaths(String ssePath, String messagesPath) {
            this.ssePath = requirePath(ssePath, "ssePath");
            this.messagesPath = requirePath(messagesPath, "messagesPath");
            return this;
        }

        /** How long stopping waits for Jetty's own connections to drain after the requests ended; default 5 s. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Mounts another handler (a WebSocket endpoint) at {@code path} on the same server. */
        public Builder mount(String path, Mount mount) {
            mounts.put(requirePath(path, "mount path"), Objects.requireNonNull(mount, "mount"));
            return this;
        }

        public HttpTransport build() {
            if (keepAlive.compareTo(idleTimeout) >= 0) {
                throw new IllegalArgumentException("keepAlive (" + keepAlive + ") must be shorter than idleTimeout ("
                        + idleTimeout + "), or quiet streams would be closed as idle");
            }
            Set<String> paths = new java.util.HashSet<>(mounts.keySet());
            paths.add(path);
            if (legacySse && (!paths.add(ssePath) || !paths.add(messagesPath))) {
                throw new IllegalArgumentException("the HTTP+SSE paths must differ from the other paths");
            }
            if (paths.size() != mounts.size() + 1 + (legacySse ? 2 : 0)) {
                throw new IllegalArgumentException("a mount path repeats the MCP endpoint's path " + path);
            }
            return new HttpTransport(this);
        }

        Set<String> hosts() {
            if (allowedHosts != null) {
                return allowedHosts;
            }
            return loopback(host) ? Set.of("localhost", "127.0.0.1", "[::1]") : null;
        }

        private static boolean loopback(String host) {
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private static String requirePath(String path, String what) {
            if (path == null || !path.startsWith("/") || path.length() > 1 && path.endsWith("/")) {
                throw new IllegalArgumentException(what + " must start with / and not end with one: " + path);
            }
            return path;
        }

        private static long positive(long value, String what) {
            if (value <= 0) {
                throw new IllegalArgumentException(what + " must be positive, not " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String what) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be a positive duration, not " + value);
            }
            return value;
        }
    }
}
