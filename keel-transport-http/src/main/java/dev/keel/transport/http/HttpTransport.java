package dev.keel.transport.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.keel.core.McpServer;
import dev.keel.core.spi.EventStore;
import dev.keel.core.spi.Transport;

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
 * sessions closed after an idle TTL and capped in number, an idle one evicted first; and what one client
 * address may hold capped below that ({@link PerAddressLimits}), so one client cannot crowd out the rest.
 *
 * <p>Jetty keeps its platform threads: a request that cannot block is served on the thread that parsed
 * it, any other on a virtual thread, and nothing that waits ever holds a platform thread. Other handlers (a WebSocket endpoint) can be mounted
 * beside the MCP endpoint with {@link Builder#mount}.
 */
public final class HttpTransport implements Transport {

    private final Builder builder;
    private final HttpSettings settings;
    /** The running server, or null while stopped. */
    private HttpServing serving;

    private HttpTransport(Builder builder) {
        this.builder = builder;
        this.settings = new HttpSettings(builder.path, builder.origins, builder.hosts(), builder.maxRequestBytes,
                builder.keepAlive, builder.retry, builder.maxInFlight, builder.retryAfter,
                builder.eventStore != null ? builder.eventStore : EventStore.inMemory(1024, 8L << 20, 256L << 20),
                builder.legacySse, builder.ssePath, builder.messagesPath);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void start(McpServer server) {
        if (serving != null) {
            throw new IllegalStateException("the transport is started already");
        }
        serving = HttpServing.start(builder, settings, server);
    }

    /** The port the transport listens on (the one picked, if configured with 0). */
    public int port() {
        return running().port();
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
        return running().sessions();
    }

    /** What the transport counts; for tests in this package. */
    HttpServing.Counts counts() {
        return running().counts();
    }

    /** How many legacy sessions are open. */
    public int sessionCount() {
        HttpServing s = serving;
        return s == null ? 0 : s.sessions().size();
    }

    private HttpServing running() {
        HttpServing s = serving;
        if (s == null) {
            throw new IllegalStateException("the transport is not started");
        }
        return s;
    }

    /**
     * Stops taking requests (new ones get 503), lets running ones finish for up to {@code grace},
     * cancels the rest, ends every session and stream, and closes the listener.
     */
    @Override
    public void stop(Duration grace) {
        HttpServing s;
        synchronized (this) {
            s = serving;
        }
        if (s == null) {
            return;
        }
        s.stop(grace);  // the port and the sessions stay readable while it drains
        synchronized (this) {
            if (serving == s) {
                serving = null;
            }
        }
    }

    /** Builds an {@link HttpTransport}; every setting has a safe default. */
    public static final class Builder {
        String host = "127.0.0.1";
        int port = 8080;
        String path = "/mcp";
        OriginPolicy origins = OriginPolicy.loopback();
        Set<String> allowedHosts;
        long maxRequestBytes = 4L << 20;
        int maxHeaderBytes = 16 << 10;
        Duration idleTimeout = Duration.ofSeconds(30);
        Duration headerTimeout = Duration.ofSeconds(10);
        long minRequestBytesPerSecond = 1024;
        int maxConnections = 10_000;
        int maxInFlight = 4096;
        Duration retryAfter = Duration.ofSeconds(1);
        Duration keepAlive = Duration.ofSeconds(10);
        Duration retry = Duration.ofSeconds(1);
        int maxSessions = 10_000;
        PerAddressLimits perAddress = PerAddressLimits.defaults();
        Duration sessionIdleTtl = Duration.ofMinutes(30);
        EventStore eventStore;
        boolean legacySse;
        String ssePath = "/sse";
        String messagesPath = "/messages";
        Duration stopTimeout = Duration.ofSeconds(5);
        long maxQueuedBytes = 8L << 20;
        Duration writeTimeout = Duration.ofSeconds(30);
        final Map<String, Mount> mounts = new LinkedHashMap<>();

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
            this.allowedHosts = hosts.stream().map(h -> GuardHandler.hostName(h)).collect(Collectors.toUnmodifiableSet());
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

        /**
         * The most legacy sessions open at once; when full, an idle session of the address holding the most
         * is evicted for a new one, never a busy one. Default 10,000.
         */
        public Builder maxSessions(int max) {
            this.maxSessions = (int) positive(max, "maxSessions");
            return this;
        }

        /** What one client address may hold at once; default {@link PerAddressLimits#defaults()}. */
        public Builder perAddress(PerAddressLimits limits) {
            this.perAddress = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** How long an unused legacy session lives; default 30 min. */
        public Builder sessionIdleTtl(Duration ttl) {
            this.sessionIdleTtl = positive(ttl, "sessionIdleTtl");
            return this;
        }

        /** Where legacy streams' events wait to be resumed; default {@link EventStore#inMemory} (1024 events and 8 MiB per session, 256 MiB in all). */
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

        /**
         * The most bytes that may wait to be written to one SSE stream behind the write under way; a
         * client that lets more pile up is not reading, and its stream is ended (a 2026-07-28 request
         * on it is cancelled). Default 8 MiB.
         */
        public Builder maxQueuedBytes(long bytes) {
            this.maxQueuedBytes = positive(bytes, "maxQueuedBytes");
            return this;
        }

        /**
         * The longest one write to an SSE stream may wait for the client to read; a stream stalled longer
         * is ended like one whose queue is full. Default 30 s.
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive(timeout, "writeTimeout");
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
            Set<String> paths = new HashSet<>(mounts.keySet());
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
