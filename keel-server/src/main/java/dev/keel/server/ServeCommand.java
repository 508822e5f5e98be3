package dev.keel.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import dev.keel.config.ConfigException;
import dev.keel.config.ConfigLoader;
import dev.keel.config.Durations;
import dev.keel.config.KeelConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keel serve}: serves toolsets as the configuration says, flags overriding it. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Serves MCP toolsets to any client, in every protocol revision from 2024-11-05 to 2026-07-28.",
                "By default over Streamable HTTP at http://127.0.0.1:8080/mcp, with WebSocket at /mcp/ws and health"
                        + " at /health/live and /health/ready; it prints the URL once it listens. SIGTERM or Ctrl-C"
                        + " drains it (a second one exits at once).",
                "With --stdio, the client starts keel as a child process and talks over stdin and stdout;"
                        + " logs go to stderr.",
                "Settings come from keel.yaml (or --config FILE), then KEEL_* environment variables, then -Dkeel.*"
                        + " system properties, then these flags; see docs/configuration.md."})
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file (default: keel.yaml in the working directory, if there is one).")
    Path config;

    @Option(names = "--stdio", description = "Serve over stdin and stdout (one JSON-RPC message per line) instead of HTTP.")
    boolean stdio;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "The address to listen on (keel.http.host; default 127.0.0.1, this machine only).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "The port to listen on (keel.http.port; default 8080); 0 picks a free one and prints it.")
    Integer port;

    @Option(names = "--toolset", paramLabel = "NAME",
            description = "A toolset to serve (keel.toolsets; default demo); repeatable. Available: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ToolsetNames.class)
    List<String> toolsets = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "A jar or directory with plug-in toolsets, besides keel.plugins.dir; repeatable.")
    List<Path> classPath = new ArrayList<>();

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "keel.log.level: trace, debug, info, warn or error.")
    String logLevel;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "keel.log.format: text, or json for one object per line.")
    String logFormat;

    @Option(names = "--max-message-bytes", paramLabel = "BYTES", description = "keel.limits.max-message-bytes.")
    Integer maxMessageBytes;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "keel.limits.max-in-flight-per-connection.")
    Integer maxInFlight;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", description = "keel.shutdown.timeout, e.g. 10s.")
    String shutdownGrace;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN", description = "keel.http.allowed-origins; repeatable.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--allowed-host", paramLabel = "HOST", description = "keel.http.allowed-hosts; repeatable.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--legacy-sse", description = "keel.http.legacy-sse: also serve the HTTP+SSE transport of 2024-11-05.")
    boolean legacySse;

    @Option(names = "--sse-keepalive", paramLabel = "DURATION", description = "keel.http.keep-alive, e.g. 10s.")
    String sseKeepAlive;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any key, e.g. --set keel.http.max-in-flight=100;"
            + " repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() {
        KeelConfig loaded;
        try {
            loaded = ConfigLoader.load(configFile(), System.getenv(), overrides());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("keel: " + e.getMessage());
            return 2;
        }
        Logs.configure(loaded.log().level(), loaded.log().format());
        try {
            return new KeelRuntime(loaded, classPath, spec.commandLine().getOut()).run();
        } catch (KeelRuntime.SetupException e) {
            spec.commandLine().getErr().println("keel: " + e.getMessage());
            return 2;
        }
    }

    private Path configFile() {
        if (config != null) {
            return config;
        }
        Path local = Path.of("keel.yaml");
        return Files.isRegularFile(local) ? local : null;
    }

    /** System properties named keel.*, then the flags, as keys: the flags win. */
    private Map<String, String> overrides() {
        Map<String, String> keys = new LinkedHashMap<>();
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith("keel.")) {
                keys.put(name, system.getProperty(name));
            }
        }
        keys.putAll(settings);
        if (stdio) {
            keys.put("keel.transport", "stdio");
        }
        put(keys, "keel.http.host", host);
        put(keys, "keel.http.port", port);
        if (!toolsets.isEmpty()) {
            keys.put("keel.toolsets", String.join(",", toolsets));
        }
        put(keys, "keel.log.level", logLevel);
        put(keys, "keel.log.format", logFormat);
        put(keys, "keel.limits.max-message-bytes", maxMessageBytes);
        put(keys, "keel.limits.max-in-flight-per-connection", maxInFlight);
        put(keys, "keel.shutdown.timeout", shutdownGrace);
        if (!allowedOrigins.isEmpty()) {
            keys.put("keel.http.allowed-origins", String.join(",", allowedOrigins));
        }
        if (!allowedHosts.isEmpty()) {
            keys.put("keel.http.allowed-hosts", String.join(",", allowedHosts));
        }
        if (legacySse) {
            keys.put("keel.http.legacy-sse", "true");
        }
        put(keys, "keel.http.keep-alive", sseKeepAlive);
        return keys;
    }

    private static void put(Map<String, String> keys, String key, Object value) {
        if (value != null) {
            keys.put(key, value.toString());
        }
    }

    static String versionOrDevelopment() {
        String version = ServeCommand.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
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
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
