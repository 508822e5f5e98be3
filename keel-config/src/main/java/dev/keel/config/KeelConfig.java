package dev.keel.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Keel server's configuration: everything under the {@code keel:} key of {@code keel.yaml}, each
 * key overridable by an environment variable ({@code KEEL_HTTP_PORT} for {@code keel.http.port}) or
 * a system property ({@code -Dkeel.http.port=…}). Immutable; read with {@link ConfigLoader}.
 */
public record KeelConfig(
        @Doc("What clients are told about the server") Server server,
        @Doc("How clients reach the server: `http` (Streamable HTTP, with WebSocket beside it) or `stdio`")
        String transport,
        @Doc("The toolsets to serve, by name (`demo`, `everything`, `filesystem`, or a plug-in's); their tools,"
                + " resources and prompts are served together") List<String> toolsets,
        @Doc("Where plug-in toolsets are found") Plugins plugins,
        @Doc("The Streamable HTTP transport") Http http,
        @Doc("Where the health endpoints are served") Management management,
        @Doc("Health checks") Health health,
        @Doc("Limits on every connection") Limits limits,
        @Doc("Sealing list cursors and `requestState`") State state,
        @Doc("Stopping") Shutdown shutdown,
        @Doc("Logging") Log log,
        @Doc("The `filesystem` toolset") Filesystem filesystem) {

    public static final Set<String> TRANSPORTS = Set.of("http", "stdio");

    /** The configuration with nothing configured. */
    public static KeelConfig defaults() {
        return new KeelConfig(
                new Server("", ""),
                "http",
                List.of("demo"),
                new Plugins("plugins"),
                new Http("127.0.0.1", 8080, "/mcp", List.of(), List.of(), 4L << 20, 16 << 10, Duration.ofSeconds(30),
                        Duration.ofSeconds(10), 1024, 10_000, 4096, Duration.ofSeconds(10), 8L << 20,
                        Duration.ofSeconds(30), false,
                        new PerAddress(1000, 512, 1000, 128),
                        new Sessions(10_000, Duration.ofMinutes(30), 8L << 20, 256L << 20),
                        new WebSocket(true, "/mcp/ws", 4 << 20, Duration.ofSeconds(30))),
                new Management("127.0.0.1", -1),
                new Health(true, Duration.ofSeconds(2)),
                new Limits(4 << 20, 1024, Duration.ofMinutes(5), 1024, 1024, 16 * 1024, 1000),
                new State(List.of()),
                new Shutdown(Duration.ofSeconds(10)),
                new Log("info", "text"),
                new Filesystem(List.of(), false, 1L << 20, List.of(),
                        List.of(".git", ".env", ".ssh", ".aws", ".gnupg", "id_rsa", "id_ed25519", ".npmrc", ".netrc"),
                        200));
    }

    public KeelConfig {
        toolsets = List.copyOf(toolsets);
    }

    /** What the server tells clients. */
    public record Server(
            @Doc("The name clients see; empty: `keel-<first toolset>`") String name,
            @Doc("Instructions for the client's model; empty: the toolsets' own") String instructions) {
    }

    /** Plug-in toolsets. */
    public record Plugins(
            @Doc("A directory of jars holding `dev.keel.server.Toolset` implementations (ServiceLoader); relative"
                    + " to the configuration file; ignored when missing") String dir) {
    }

    /** The Streamable HTTP transport. */
    public record Http(
            @Doc("The address to listen on; 127.0.0.1 serves this machine only, 0.0.0.0 every interface") String host,
            @Doc("The port to listen on; 0 picks a free one (the URL is printed)") int port,
            @Doc("The MCP endpoint's path") String path,
            @Doc("Browser origins allowed besides this machine's pages (`scheme://host[:port]`); `*` allows any")
            List<String> allowedOrigins,
            @Doc("Host names requests may address (DNS rebinding protection); empty: the loopback names when"
                    + " listening on loopback, no check otherwise") List<String> allowedHosts,
            @Doc("The largest request body, in bytes (413 beyond)") long maxRequestBytes,
            @Doc("The largest request line and headers, in bytes (431 beyond)") int maxHeaderBytes,
            @Doc("How long a connection may stay silent") Duration idleTimeout,
            @Doc("How long a client may take to send a request's head once it began") Duration headerTimeout,
            @Doc("The slowest a request body may arrive, in bytes per second; 0: no minimum") long minRequestBytesPerSecond,
            @Doc("The most connections open at once") int maxConnections,
            @Doc("The most requests served at once (503 with Retry-After beyond)") int maxInFlight,
            @Doc("How often quiet event streams get a keep-alive comment; a 2026-07-28 request whose client"
                    + " closed the connection is cancelled within about twice this") Duration keepAlive,
            @Doc("The most bytes that may wait to be written to one event stream or WebSocket; a client that lets"
                    + " more pile up is not reading, and its stream is ended") long maxQueuedBytes,
            @Doc("The longest one write to an event stream or WebSocket may wait for the client to read; a"
                    + " stream stalled longer is ended") Duration writeTimeout,
            @Doc("Also serve the deprecated HTTP+SSE transport of 2024-11-05 (GET /sse, POST /messages)") boolean legacySse,
            @Doc("What one client address (an IPv4 address, an IPv6 /64) may hold at once") PerAddress perAddress,
            @Doc("Legacy (2024-11-05 … 2025-11-25) sessions") Sessions sessions,
            @Doc("The WebSocket endpoint beside the MCP endpoint") WebSocket websocket) {

        public Http {
            allowedOrigins = List.copyOf(allowedOrigins);
            allowedHosts = List.copyOf(allowedHosts);
        }
    }

    /**
     * What one client address may hold of the HTTP transport at once, so that one client cannot crowd out
     * the rest. Counting per principal, once authentication exists, is the next step.
     */
    public record PerAddress(
            @Doc("The most connections one address may hold open; further ones are closed as they are accepted."
                    + " Behind a reverse proxy every client shares the proxy's address: raise these four to the"
                    + " global limits there") int maxConnections,
            @Doc("The most requests of one address served at once (429 with Retry-After beyond)") int maxInFlight,
            @Doc("The most legacy sessions one address may hold; beyond, its own oldest idle session is evicted,"
                    + " or, if none is idle, the new one gets 429") int maxSessions,
            @Doc("The most listen streams one address may hold open (2026-07-28 `subscriptions/listen`, legacy"
                    + " GET streams and HTTP+SSE streams together; 429 with Retry-After beyond)") int maxListenStreams) {
    }

    /** Legacy HTTP sessions. */
    public record Sessions(
            @Doc("The most sessions open at once; when full, an idle session of the address holding the most is"
                    + " evicted for a new one, never one with a request running or a stream open (503 then)") int max,
            @Doc("How long an unused session lives") Duration idleTtl,
            @Doc("The bytes of stream events kept per session for resuming (`Last-Event-ID`); the oldest go first")
            long maxEventBytes,
            @Doc("The bytes of stream events kept for all sessions; over it, the session holding the most drops its"
                    + " oldest first") long maxTotalEventBytes) {
    }

    /** The WebSocket endpoint. */
    public record WebSocket(
            @Doc("Whether to serve WebSocket") boolean enabled,
            @Doc("Its path") String path,
            @Doc("The largest text frame (one message), in bytes; larger ones close the socket with 1009")
            int maxMessageBytes,
            @Doc("How often the server pings; a peer silent for two intervals is closed") Duration pingInterval) {
    }

    /** Where the health endpoints are served. */
    public record Management(
            @Doc("The address of the management port") String host,
            @Doc("The management port for `/health/live` and `/health/ready`; -1: on the MCP server's own port;"
                    + " 0: a free port") int port) {
    }

    /** Health checks. */
    public record Health(
            @Doc("Whether to serve `/health/live` and `/health/ready`") boolean enabled,
            @Doc("How long each check may take before it counts as down") Duration checkTimeout) {
    }

    /** Limits on every connection. */
    public record Limits(
            @Doc("The largest message accepted, in bytes (stdio lines, WebSocket frames, HTTP bodies)") int maxMessageBytes,
            @Doc("The most requests one connection (a stdio process, a socket, a session) may have running")
            int maxInFlightPerConnection,
            @Doc("How long a request may run before it is cancelled and answered with an error")
            Duration requestTimeout,
            @Doc("The longest string request id or progress token, in characters") int maxIdLength,
            @Doc("The longest tool, prompt or completion argument name a request may give, in characters")
            int maxNameLength,
            @Doc("The longest resource URI a request may give, in characters") int maxUriLength,
            @Doc("The most resource subscriptions one legacy session or listen stream may hold")
            int maxSubscriptions) {
    }

    /**
     * The keys that seal list cursors and {@code requestState}: what the server hands a client and must
     * get back unchanged. Servers behind one load balancer, and a server after a restart, open what the
     * others sealed only when they share these keys.
     */
    public record State(
            @Doc("AES-256 keys, each `id:base64` of 32 random bytes (the id: 1 to 32 letters, digits, `-`, `_` or"
                    + " `.`; the key: `openssl rand -base64 32`); the first seals, all of them open, so a new key"
                    + " goes first and an old one stays until what it sealed has expired. Empty: a random key per"
                    + " process, so cursors and requestState do not survive a restart or reach another node")
            List<String> keys) {

        /** The length of a key, in bytes. */
        public static final int KEY_BYTES = 32;

        public State {
            keys = List.copyOf(keys);
        }

        /**
         * The keys by id, base64-encoded, in the order listed: the first one seals. Entries without an id
         * are left out; {@link KeelConfig#problems()} reports them, and every other malformed entry.
         */
        public Map<String, String> byId() {
            Map<String, String> byId = new LinkedHashMap<>();
            for (String entry : keys) {
                int colon = entry.indexOf(':');
                if (colon >= 0) {
                    byId.putIfAbsent(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
                }
            }
            return byId;
        }

        /**
         * What is wrong with the entries, each naming the entry by its id or position; the key material
         * itself is never repeated, since these messages end up in logs.
         */
        private void problems(List<String> problems) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < keys.size(); i++) {
                String entry = keys.get(i);
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    problems.add("keel.state.keys: entry " + (i + 1) + " has no id; write id:base64-key, e.g."
                            + " k1:<the output of openssl rand -base64 32>");
                    continue;
                }
                String id = entry.substring(0, colon).trim();
                String key = entry.substring(colon + 1).trim();
                if (!id.matches("[A-Za-z0-9._-]{1,32}")) {
                    problems.add("keel.state.keys: '" + id + "' (entry " + (i + 1) + ") is not a key id; use 1 to 32"
                            + " letters, digits, '-', '_' or '.'");
                } else if (!ids.add(id)) {
                    problems.add("keel.state.keys: the id '" + id + "' is listed twice; every key needs an id of"
                            + " its own");
                }
                byte[] decoded;
                try {
                    decoded = Base64.getDecoder().decode(key);
                } catch (IllegalArgumentException e) {
                    problems.add("keel.state.keys: the key of '" + id + "' is not base64 (the standard alphabet, as"
                            + " openssl rand -base64 32 writes it)");
                    continue;
                }
                if (decoded.length != KEY_BYTES) {
                    problems.add("keel.state.keys: the key of '" + id + "' is " + decoded.length + " bytes; it must"
                            + " be " + KEY_BYTES + " (256 bits), e.g. from openssl rand -base64 32");
                }
            }
        }
    }

    /** Stopping. */
    public record Shutdown(
            @Doc("How long running requests may finish after SIGTERM or SIGINT before they are cancelled")
            Duration timeout) {
    }

    /** Logging. */
    public record Log(
            @Doc("The least severe level logged: trace, debug, info, warn or error") String level,
            @Doc("`text` for people, `json` for one JSON object per line") String format) {
    }

    /** The {@code filesystem} toolset. */
    public record Filesystem(
            @Doc("The directories the tools may read (relative to the configuration file); nothing outside them")
            List<String> roots,
            @Doc("Whether `write_file` is offered") boolean writable,
            @Doc("The largest file read or written, in bytes") long maxFileBytes,
            @Doc("File extensions that may be read, without the dot; empty: any") List<String> allowedExtensions,
            @Doc("Names never read, listed or searched, at any depth") List<String> deniedNames,
            @Doc("The most results `search_files` returns") int maxSearchResults) {

        public Filesystem {
            roots = List.copyOf(roots);
            allowedExtensions = List.copyOf(allowedExtensions);
            deniedNames = List.copyOf(deniedNames);
        }
    }

    /** What is wrong with the values, each as {@code key: problem}; empty when all is well. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!TRANSPORTS.contains(transport)) {
            problems.add("keel.transport: '" + transport + "' is not a transport; use http or stdio");
        }
        if (toolsets.isEmpty()) {
            problems.add("keel.toolsets: name at least one toolset");
        }
        port(problems, "keel.http.port", http.port(), false);
        path(problems, "keel.http.path", http.path());
        positive(problems, "keel.http.max-request-bytes", http.maxRequestBytes());
        range(problems, "keel.http.max-header-bytes", http.maxHeaderBytes(), 1024, 1 << 20);
        positive(problems, "keel.http.idle-timeout", http.idleTimeout());
        positive(problems, "keel.http.header-timeout", http.headerTimeout());
        if (http.minRequestBytesPerSecond() < 0) {
            problems.add("keel.http.min-request-bytes-per-second: " + http.minRequestBytesPerSecond()
                    + " is negative; use 0 for no minimum");
        }
        positive(problems, "keel.http.max-connections", http.maxConnections());
        positive(problems, "keel.http.max-in-flight", http.maxInFlight());
        positive(problems, "keel.http.keep-alive", http.keepAlive());
        positive(problems, "keel.http.max-queued-bytes", http.maxQueuedBytes());
        positive(problems, "keel.http.write-timeout", http.writeTimeout());
        if (http.keepAlive().compareTo(http.idleTimeout()) >= 0) {
            problems.add("keel.http.keep-alive: " + Durations.format(http.keepAlive()) + " must be shorter than"
                    + " keel.http.idle-timeout (" + Durations.format(http.idleTimeout()) + ")");
        }
        for (String origin : http.allowedOrigins()) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                problems.add("keel.http.allowed-origins: '" + origin + "' is not an origin; write scheme://host[:port]");
            }
        }
        positive(problems, "keel.http.per-address.max-connections", http.perAddress().maxConnections());
        positive(problems, "keel.http.per-address.max-in-flight", http.perAddress().maxInFlight());
        positive(problems, "keel.http.per-address.max-sessions", http.perAddress().maxSessions());
        positive(problems, "keel.http.per-address.max-listen-streams", http.perAddress().maxListenStreams());
        positive(problems, "keel.http.sessions.max", http.sessions().max());
        positive(problems, "keel.http.sessions.idle-ttl", http.sessions().idleTtl());
        positive(problems, "keel.http.sessions.max-event-bytes", http.sessions().maxEventBytes());
        positive(problems, "keel.http.sessions.max-total-event-bytes", http.sessions().maxTotalEventBytes());
        path(problems, "keel.http.websocket.path", http.websocket().path());
        if (http.websocket().enabled() && http.websocket().path().equals(http.path())) {
            problems.add("keel.http.websocket.path: '" + http.websocket().path() + "' is the MCP endpoint's path too");
        }
        positive(problems, "keel.http.websocket.max-message-bytes", http.websocket().maxMessageBytes());
        positive(problems, "keel.http.websocket.ping-interval", http.websocket().pingInterval());
        port(problems, "keel.management.port", management.port(), true);
        if (management.port() >= 0 && management.port() == http.port() && http.port() != 0) {
            problems.add("keel.management.port: " + management.port() + " is keel.http.port too; use -1 to serve"
                    + " health on the MCP port");
        }
        positive(problems, "keel.health.check-timeout", health.checkTimeout());
        positive(problems, "keel.limits.max-message-bytes", limits.maxMessageBytes());
        positive(problems, "keel.limits.max-in-flight-per-connection", limits.maxInFlightPerConnection());
        positive(problems, "keel.limits.request-timeout", limits.requestTimeout());
        positive(problems, "keel.limits.max-id-length", limits.maxIdLength());
        positive(problems, "keel.limits.max-name-length", limits.maxNameLength());
        positive(problems, "keel.limits.max-uri-length", limits.maxUriLength());
        positive(problems, "keel.limits.max-subscriptions", limits.maxSubscriptions());
        state.problems(problems);
        if (shutdown.timeout().isNegative()) {
            problems.add("keel.shutdown.timeout: " + Durations.format(shutdown.timeout()) + " is negative");
        }
        if (!Set.of("trace", "debug", "info", "warn", "error").contains(log.level())) {
            problems.add("keel.log.level: '" + log.level() + "' is not a level; use trace, debug, info, warn or error");
        }
        if (!Set.of("text", "json").contains(log.format())) {
            problems.add("keel.log.format: '" + log.format() + "' is not a format; use text or json");
        }
        if (toolsets.contains("filesystem") && filesystem.roots().isEmpty()) {
            problems.add("keel.filesystem.roots: the filesystem toolset needs at least one root directory");
        }
        positive(problems, "keel.filesystem.max-file-bytes", filesystem.maxFileBytes());
        positive(problems, "keel.filesystem.max-search-results", filesystem.maxSearchResults());
        for (String extension : filesystem.allowedExtensions()) {
            if (extension.isEmpty() || extension.startsWith(".") || extension.contains("/")) {
                problems.add("keel.filesystem.allowed-extensions: '" + extension + "' is not an extension; write it"
                        + " without the dot, e.g. md");
            }
        }
        return problems;
    }

    private static void port(List<String> problems, String key, int port, boolean allowMinusOne) {
        if (port < (allowMinusOne ? -1 : 0) || port > 65535) {
            problems.add(key + ": " + port + " is not a port; use 0..65535" + (allowMinusOne ? " or -1" : ""));
        }
    }

    private static void path(List<String> problems, String key, String path) {
        if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
            problems.add(key + ": '" + path + "' must start with / and not end with one");
        }
    }

    private static void positive(List<String> problems, String key, long value) {
        if (value <= 0) {
            problems.add(key + ": " + value + " must be positive");
        }
    }

    private static void range(List<String> problems, String key, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(key + ": " + value + " must be between " + min + " and " + max);
        }
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + ": " + Durations.format(value) + " must be a positive duration");
        }
    }
}
