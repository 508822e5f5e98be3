package dev.keel.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.keel.config.KeelConfig;
import dev.keel.core.InputLimits;
import dev.keel.core.McpServer;
import dev.keel.core.RequestIdMiddleware;
import dev.keel.core.StateKeys;
import dev.keel.core.TimingMiddleware;
import dev.keel.core.spi.EventStore;
import dev.keel.core.spi.Transport;
import dev.keel.health.Health;
import dev.keel.health.HealthCheck;
import dev.keel.health.HealthEndpoint;
import dev.keel.jsonrpc.JsonRpcLimits;
import dev.keel.transport.http.HttpTransport;
import dev.keel.transport.http.OriginPolicy;
import dev.keel.transport.http.PerAddressLimits;
import dev.keel.transport.stdio.StdioTransport;
import dev.keel.transport.websocket.WebSocketEndpoint;

/**
 * A Keel server as configured: toolsets (built-in and plug-ins), the engine, health, and the
 * transport, with the lifecycle a production service needs. SIGTERM or SIGINT drains it (readiness
 * fails, new requests are refused, running ones get {@code keel.shutdown.timeout} to finish, the rest
 * are cancelled with an error, streams and sessions close) and the process exits 0; a second signal
 * exits at once.
 */
final class KeelRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(KeelRuntime.class);

    private final KeelConfig config;
    private final List<Path> extraClassPath;
    private final PrintWriter out;

    KeelRuntime(KeelConfig config, List<Path> extraClassPath, PrintWriter out) {
        this.config = config;
        this.extraClassPath = List.copyOf(extraClassPath);
        this.out = out;
    }

    /** Thrown for a setting the toolsets refuse: reported like a configuration error. */
    static final class SetupException extends Exception {
        SetupException(String message) {
            super(message, null, false, false);
        }
    }

    /** Serves until stopped; returns the exit status. */
    int run() throws SetupException {
        Assembly assembly = assemble();
        return config.transport().equals("stdio") ? serveStdio(assembly) : serveHttp(assembly);
    }

    /** The engine as configured, the toolsets it serves and its health; not yet serving. */
    record Assembly(McpServer server, Map<String, Toolset> toolsets, Health health) {
    }

    /** Builds the engine from the configuration: toolsets, limits, sealing keys and health checks. */
    Assembly assemble() throws SetupException {
        ClassLoader loader = pluginLoader();
        Map<String, Toolset> toolsets = select(loader);
        String first = toolsets.keySet().iterator().next();
        McpServer.Builder builder = McpServer.builder()
                .name(config.server().name().isEmpty() ? "keel-" + first : config.server().name())
                .version(ServeCommand.versionOrDevelopment())
                .title("Keel (" + String.join(", ", toolsets.keySet()) + ")")
                .limits(JsonRpcLimits.builder().maxMessageBytes(config.limits().maxMessageBytes())
                        .maxIdLength(config.limits().maxIdLength()).build())
                .inputLimits(new InputLimits(config.limits().maxNameLength(), config.limits().maxUriLength(),
                        config.limits().maxSubscriptions()))
                .maxInFlightPerChannel(config.limits().maxInFlightPerConnection())
                .requestTimeout(config.limits().requestTimeout())
                .middleware(new RequestIdMiddleware(), new MdcMiddleware(), new TimingMiddleware());
        stateKeys().ifPresent(builder::stateKeys);
        Health.Builder health = Health.builder().checkTimeout(config.health().checkTimeout()).discover(loader);
        for (Toolset toolset : toolsets.values()) {
            try {
                toolset.configure(config);
                toolset.register(builder);
            } catch (IllegalArgumentException e) {
                throw new SetupException("toolset " + toolset.name() + ": " + e.getMessage());
            }
            toolset.healthChecks().forEach(health::check);
        }
        if (!config.server().instructions().isEmpty()) {
            builder.instructions(config.server().instructions());
        }
        McpServer server = builder.build();
        toolsets.values().forEach(t -> t.started(server));
        return new Assembly(server, toolsets, health.build());
    }

    /**
     * The keys of {@code keel.state.keys}, the first one sealing; empty when none are configured, and
     * the engine then seals with a random key of its own, which this says once.
     */
    private Optional<StateKeys> stateKeys() throws SetupException {
        Map<String, String> keys = config.state().byId();
        if (keys.isEmpty()) {
            LOG.info("No keel.state.keys configured: list cursors and requestState are sealed with a key of this"
                    + " process alone, so they will not survive a restart or be accepted by another instance");
            return Optional.empty();
        }
        try {
            return Optional.of(StateKeys.of(keys.keySet().iterator().next(), keys));
        } catch (IllegalArgumentException e) {
            throw new SetupException("keel.state.keys: " + e.getMessage());
        }
    }

    private int serveStdio(Assembly assembly) {
        McpServer server = assembly.server();
        Health health = assembly.health();
        StdioTransport stdio = StdioTransport.builder().maxMessageBytes(config.limits().maxMessageBytes())
                .shutdownGrace(config.shutdown().timeout()).build();
        LOG.info("Serving {} over stdio ({} tools)", assembly.toolsets().keySet(), server.tools().size());
        Signals signals = Signals.install(() -> {
            health.draining();
            stdio.stop(config.shutdown().timeout());
        });
        health.started();
        int status = stdio.run(server);
        signals.awaitDrainIfSignalled();
        server.close();
        LOG.info("Stopped");
        return status;
    }

    private int serveHttp(Assembly assembly) {
        McpServer server = assembly.server();
        Map<String, Toolset> toolsets = assembly.toolsets();
        Health health = assembly.health();
        KeelConfig.Http http = config.http();
        HttpTransport.Builder builder = HttpTransport.builder().host(http.host()).port(http.port()).path(http.path())
                .maxRequestBytes(Math.min(http.maxRequestBytes(), config.limits().maxMessageBytes()))
                .maxHeaderBytes(http.maxHeaderBytes()).idleTimeout(http.idleTimeout())
                .headerTimeout(http.headerTimeout()).minRequestBytesPerSecond(http.minRequestBytesPerSecond())
                .maxConnections(http.maxConnections()).maxInFlight(http.maxInFlight()).keepAlive(http.keepAlive())
                .maxQueuedBytes(http.maxQueuedBytes()).writeTimeout(http.writeTimeout())
                .legacySse(http.legacySse()).maxSessions(http.sessions().max()).sessionIdleTtl(http.sessions().idleTtl())
                .eventStore(EventStore.inMemory(1024, http.sessions().maxEventBytes(), http.sessions().maxTotalEventBytes()))
                .perAddress(PerAddressLimits.builder().maxConnections(http.perAddress().maxConnections())
                        .maxInFlight(http.perAddress().maxInFlight()).maxSessions(http.perAddress().maxSessions())
                        .maxListenStreams(http.perAddress().maxListenStreams()).build())
                .stopTimeout(Duration.ofSeconds(2));
        if (!http.allowedOrigins().isEmpty()) {
            builder.origins(OriginPolicy.of(http.allowedOrigins()).andLoopback());
        }
        if (!http.allowedHosts().isEmpty()) {
            builder.allowedHosts(http.allowedHosts());
        }
        if (http.websocket().enabled()) {
            builder.mount(http.websocket().path(), WebSocketEndpoint.builder()
                    .maxMessageBytes(Math.min(http.websocket().maxMessageBytes(), config.limits().maxMessageBytes()))
                    .pingInterval(http.websocket().pingInterval())
                    .maxQueuedBytes(http.maxQueuedBytes()).writeTimeout(http.writeTimeout()).build());
        }
        boolean healthOnMcpPort = config.health().enabled() && config.management().port() < 0;
        if (healthOnMcpPort) {
            builder.mount("/health/*", new HealthEndpoint(health));
        }
        HttpTransport transport = builder.build();
        transport.start(server);
        HealthEndpoint.Management management = config.health().enabled() && config.management().port() >= 0
                ? HealthEndpoint.serve(health, config.management().host(), config.management().port()) : null;
        health.started();
        Signals signals = Signals.install(() -> stop(transport, health));
        java.net.URI url = transport.url();
        out.println("Keel is serving " + String.join(", ", toolsets.keySet()) + " at " + url
                + (http.websocket().enabled() ? " (WebSocket: ws://" + url.getAuthority() + http.websocket().path() + ")" : "")
                + (management != null ? " (health: http://" + config.management().host() + ":" + management.port()
                        + "/health/ready)" : healthOnMcpPort ? " (health: /health/ready)" : "")
                + "; Ctrl-C stops it");
        out.flush();
        LOG.info("Serving {} over HTTP at {} ({} tools)", toolsets.keySet(), url, server.tools().size());
        signals.awaitDrain();
        server.close();
        if (management != null) {
            management.close();
        }
        LOG.info("Stopped");
        return 0;
    }

    private void stop(Transport transport, Health health) {
        LOG.info("Stopping: not ready any more; running requests may finish for up to {}", config.shutdown().timeout());
        health.draining();
        transport.stop(config.shutdown().timeout());
    }

    /** The class loader of plug-in toolsets: the jars in {@code keel.plugins.dir} and {@code --classpath}. */
    private ClassLoader pluginLoader() throws SetupException {
        List<URL> urls = new ArrayList<>();
        Path dir = Path.of(config.plugins().dir());
        if (Files.isDirectory(dir)) {
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(url(jar));
                }
            } catch (IOException e) {
                throw new SetupException("keel.plugins.dir: " + dir + " cannot be listed: " + e.getMessage());
            }
        }
        for (Path entry : extraClassPath) {
            if (!Files.exists(entry)) {
                throw new SetupException("--classpath: " + entry + " does not exist");
            }
            urls.add(url(entry));
        }
        if (urls.isEmpty()) {
            return KeelRuntime.class.getClassLoader();
        }
        LOG.info("Loading plug-ins from {}", urls);
        return new URLClassLoader("keel-plugins", urls.toArray(URL[]::new), KeelRuntime.class.getClassLoader());
    }

    private static URL url(Path path) throws SetupException {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new SetupException(path + " is not a usable class path entry");
        }
    }

    private Map<String, Toolset> select(ClassLoader loader) throws SetupException {
        Map<String, Toolset> available = new LinkedHashMap<>();
        for (Toolset toolset : Toolset.available(loader)) {
            available.putIfAbsent(toolset.name(), toolset);
        }
        Map<String, Toolset> selected = new LinkedHashMap<>();
        for (String name : config.toolsets()) {
            Toolset toolset = available.get(name);
            if (toolset == null) {
                throw new SetupException("keel.toolsets: no toolset named '" + name + "'; available: "
                        + available.keySet().stream().sorted().collect(Collectors.joining(", ")));
            }
            selected.put(name, toolset);
        }
        return selected;
    }

    /**
     * SIGTERM and SIGINT: the first starts the drain on a thread of its own, a second exits at once.
     * Installed in place of the JVM's own handlers, so that the drain runs before exit, not in a
     * shutdown hook racing other hooks.
     */
    static final class Signals {
        private final CountDownLatch drained = new CountDownLatch(1);
        private final AtomicInteger received = new AtomicInteger();

        @SuppressWarnings("removal")
        static Signals install(Runnable drain) {
            Signals signals = new Signals();
            for (String name : List.of("TERM", "INT")) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                        if (signals.received.incrementAndGet() == 1) {
                            Thread.ofPlatform().name("keel-drain").start(() -> {
                                try {
                                    drain.run();
                                } finally {
                                    signals.drained.countDown();
                                }
                            });
                        } else {
                            LOG.warn("Second signal: exiting at once");
                            Runtime.getRuntime().halt(128 + signal.getNumber());
                        }
                    });
                } catch (IllegalArgumentException e) {
                    LOG.debug("Cannot handle SIG{}: {}", name, e.getMessage());
                }
            }
            return signals;
        }

        /** Waits for a signal and for the drain it started to finish. */
        void awaitDrain() {
            try {
                drained.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the drain if a signal started one (the server may also have ended on its own). */
        void awaitDrainIfSignalled() {
            if (received.get() > 0) {
                awaitDrain();
            }
        }
    }
}
