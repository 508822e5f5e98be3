package dev.keel.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import dev.keel.core.McpServer;
import dev.keel.core.RequestIdMiddleware;
import dev.keel.core.TimingMiddleware;
import dev.keel.jsonrpc.JsonRpcLimits;
import dev.keel.transport.http.HttpTransport;
import dev.keel.transport.http.OriginPolicy;
import dev.keel.transport.stdio.StdioTransport;
import dev.keel.transport.websocket.WebSocketEndpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keel serve}: serves a toolset. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Serves an MCP toolset to any client, in every protocol revision from 2024-11-05 to 2026-07-28.",
                "By default over Streamable HTTP at http://127.0.0.1:8080/mcp, with WebSocket at /mcp/ws;"
                        + " it prints the URL once it listens, and Ctrl-C stops it cleanly.",
                "With --stdio, the client starts keel as a child process and talks over stdin and stdout;"
                        + " logs go to stderr."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--stdio", description = "Serve over stdin and stdout (one JSON-RPC message per line) instead of HTTP.")
    boolean stdio;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only;"
                    + " 0.0.0.0 for every interface, which turns off the Host check unless --allowed-host is given).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The port to listen on (default: ${DEFAULT-VALUE}); 0 picks a free one and prints it.")
    int port;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "A browser origin (scheme://host[:port]) allowed to call besides this machine's pages;"
                    + " repeatable; '*' allows any.")
    List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(names = "--allowed-host", paramLabel = "HOST",
            description = "A host name requests may address (DNS rebinding protection); repeatable."
                    + " Default: the loopback names when listening on loopback.")
    List<String> allowedHosts = new java.util.ArrayList<>();

    @Option(names = "--legacy-sse", description = "Also serve the deprecated HTTP+SSE transport of 2024-11-05"
            + " (GET /sse, POST /messages) for old clients.")
    boolean legacySse;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "10000",
            description = "The most legacy HTTP sessions open at once; the oldest idle one is evicted for a new one"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--session-ttl", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long an unused legacy HTTP session lives (default: ${DEFAULT-VALUE}).")
    Duration sessionTtl;

    @Option(names = "--sse-keepalive", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often quiet event streams get a keep-alive comment; a 2026-07-28 request whose"
                    + " client closed the connection is cancelled within about twice this (default: ${DEFAULT-VALUE}).")
    Duration sseKeepAlive;

    @Option(names = "--toolset", paramLabel = "NAME", defaultValue = "demo",
            description = "The toolset to serve (default: ${DEFAULT-VALUE}). Available: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ToolsetNames.class)
    String toolset;

    @Option(names = "--max-message-bytes", paramLabel = "BYTES", defaultValue = "4194304",
            description = "The largest message accepted, in bytes (default: ${DEFAULT-VALUE}, 4 MiB);"
                    + " a longer one is answered with an error and skipped unread.")
    int maxMessageBytes;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "1024",
            description = "The most requests one connection may have running at once (default: ${DEFAULT-VALUE});"
                    + " more are refused with an error at once instead of queueing.")
    int maxInFlight;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How long running requests may finish once the input ends or the server stops,"
                    + " before they are cancelled (default: ${DEFAULT-VALUE}; e.g. 500ms, 10s, 1m).")
    Duration shutdownGrace;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "The least severe log level written to stderr: trace, debug, info, warn or error"
                    + " (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() {
        Level level = Level.toLevel(logLevel, null);
        if (level == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--log-level must be one of trace, debug, info, warn, error; was '" + logLevel + "'");
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(level);
        if (maxMessageBytes <= 0 || maxInFlight <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-message-bytes and --max-in-flight must be positive");
        }
        Toolset selected = Toolset.named(toolset).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown toolset '" + toolset + "'; available: " + names()));
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, not " + port);
        }
        McpServer.Builder builder = McpServer.builder()
                .name("keel-" + selected.name())
                .version(versionOrDevelopment())
                .title("Keel (" + selected.name() + " toolset)")
                .limits(JsonRpcLimits.builder().maxMessageBytes(maxMessageBytes).build())
                .maxInFlightPerChannel(maxInFlight)
                .middleware(new RequestIdMiddleware(), new TimingMiddleware());
        selected.register(builder);
        McpServer server = builder.build();
        selected.started(server);
        if (!stdio) {
            return serveHttp(server, selected);
        }
        LOG.info("Serving toolset {} over stdio ({} tools)", selected.name(), server.tools().size());
        int status = StdioTransport.builder().maxMessageBytes(maxMessageBytes).shutdownGrace(shutdownGrace).build()
                .run(server);
        LOG.info("stdin closed; stopped");
        return status;
    }

    /** Serves over HTTP and WebSocket until Ctrl-C (or SIGTERM), then stops gracefully. */
    private int serveHttp(McpServer server, Toolset selected) {
        HttpTransport.Builder http = HttpTransport.builder().host(host).port(port)
                .maxRequestBytes(maxMessageBytes)
                .maxSessions(positive(maxSessions, "--max-sessions"))
                .sessionIdleTtl(sessionTtl)
                .keepAlive(sseKeepAlive)
                .legacySse(legacySse)
                .mount("/mcp/ws", WebSocketEndpoint.builder().maxMessageBytes(maxMessageBytes).build());
        try {
            if (!allowedOrigins.isEmpty()) {
                http.origins(OriginPolicy.of(allowedOrigins).andLoopback());
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--allowed-origin: " + e.getMessage());
        }
        if (!allowedHosts.isEmpty()) {
            http.allowedHosts(allowedHosts);
        }
        HttpTransport transport = http.build();
        transport.start(server);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping: letting running requests finish for up to {}", shutdownGrace);
            transport.stop(shutdownGrace);
            stopped.countDown();
            try {
                finished.await(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "keel-shutdown"));
        java.net.URI url = transport.url();
        spec.commandLine().getOut().println("Keel is serving the " + selected.name() + " toolset at " + url
                + " (WebSocket: ws://" + url.getAuthority() + "/mcp/ws); Ctrl-C stops it");
        spec.commandLine().getOut().flush();
        LOG.info("Serving toolset {} over HTTP at {} ({} tools)", selected.name(), url, server.tools().size());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transport.stop(shutdownGrace);
        }
        server.close();
        LOG.info("Stopped");
        finished.countDown();
        return 0;
    }

    private int positive(int value, String option) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be positive, not " + value);
        }
        return value;
    }

    private static String versionOrDevelopment() {
        String version = ServeCommand.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    private static String names() {
        return Toolset.available().stream().map(Toolset::name).sorted().collect(Collectors.joining(", "));
    }

    /** The names of the toolsets on the class path, for help and completion. */
    static final class ToolsetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            List<String> names = Toolset.available().stream().map(Toolset::name).sorted().toList();
            return names.iterator();
        }
    }

    /** Reads durations such as {@code 500ms}, {@code 10s}, {@code 2m} or ISO-8601 {@code PT10S}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                if (v.startsWith("pt")) {
                    return Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long amount = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration; use e.g. 500ms, 10s, 2m or PT10S");
            }
        }
    }
}
