package dev.keel.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;

import dev.keel.core.McpServer;
import dev.keel.server.KeelMain;
import dev.keel.transport.http.HttpTransport;

/**
 * The load generator and the scenarios of {@code docs/benchmarks.md}: Streamable HTTP {@code echo}
 * against the raw Jetty floor (platform and virtual threads) and Keel in both eras at several levels
 * of requests in flight, the same through {@code wrk} when it is installed, stdio pipelined, many
 * concurrent slow calls, abandoned legacy sessions, start-up time and idle memory, and a 1 MiB
 * argument. Servers run in processes of their own on core 1, the load on core 0. Prints Markdown.
 *
 * <p>The soak ({@link Soak}: a million calls per era, the server's heap, threads and descriptors sampled
 * along the way) runs only when named ({@code --only soak}), and briefly in {@code --smoke}.
 *
 * <pre>java -cp … dev.keel.bench.Bench [--rounds 3] [--seconds 5] [--warmup 2] [--smoke] [--only http,stdio,…]
 *     [--soak-calls 1000000] [--soak-every 50000]</pre>
 */
public final class Bench {

    private static final String SERVER_CORE = "1";
    private final int rounds;
    private final Duration measured;
    private final Duration warmUp;
    /** Load on a freshly started server before anything is measured: on one core its JIT needs that long. */
    private final Duration serverWarmUp;
    private final boolean smoke;
    private final StringBuilder report = new StringBuilder();

    private Bench(int rounds, Duration measured, Duration warmUp, Duration serverWarmUp, boolean smoke) {
        this.rounds = rounds;
        this.measured = measured;
        this.warmUp = warmUp;
        this.serverWarmUp = serverWarmUp;
        this.smoke = smoke;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        double seconds = 5;
        double warm = 2;
        double serverWarm = 60;
        boolean smoke = false;
        List<String> only = null;
        long soakCalls = 1_000_000;
        long soakEvery = 50_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warm = Double.parseDouble(args[++i]);
                case "--server-warmup" -> serverWarm = Double.parseDouble(args[++i]);
                case "--smoke" -> smoke = true;
                case "--only" -> only = List.of(args[++i].split(","));
                case "--soak-calls" -> soakCalls = Long.parseLong(args[++i].replace("_", ""));
                case "--soak-every" -> soakEvery = Long.parseLong(args[++i].replace("_", ""));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (only == null) {
            only = new ArrayList<>(List.of("http", "wrk", "stdio", "sleep", "sessions", "startup", "big"));
            if (smoke) {
                only.add("soak");  // a million calls per era take minutes: the full soak only when asked for
            }
        }
        if (smoke) {
            soakCalls = Math.min(soakCalls, 10_000);
            soakEvery = Math.min(soakEvery, 5_000);
            rounds = 1;
            seconds = Math.min(seconds, 1);
            warm = Math.min(warm, 0.5);
            serverWarm = Math.min(serverWarm, 0.5);
        }
        boolean pinned = ServerProcess.Pinning.pinSelf("0");
        Bench bench = new Bench(rounds, Duration.ofMillis((long) (seconds * 1000)), Duration.ofMillis((long) (warm * 1000)),
                Duration.ofMillis((long) (serverWarm * 1000)), smoke);
        bench.line("Load generator pinned to core 0, servers to core 1: " + (pinned ? "yes" : "no (taskset unavailable)")
                + (only.equals(List.of("soak")) ? "." : "; each server warmed up for " + serverWarm
                + " s at 64 in flight, then at each level " + rounds + " round(s) of " + seconds + " s after " + warm
                + " s of warm-up; median (min–max)."));
        bench.line("");
        for (String scenario : only) {
            switch (scenario) {
                case "http" -> bench.http();
                case "wrk" -> bench.wrk();
                case "stdio" -> bench.stdio();
                case "sleep" -> bench.sleep();
                case "sessions" -> bench.sessions();
                case "startup" -> bench.startup();
                case "big" -> bench.big();
                case "soak" -> new Soak(keel("--port", "0"), soakCalls, soakEvery).report(bench::line);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        System.out.print(bench.report);
        System.out.flush();
        System.exit(0);
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.err.println(text);
    }

    // ------------------------------------------------------------------ servers

    private static List<String> keel(String... extra) {
        List<String> args = new ArrayList<>(List.of("serve", "--toolset", "demo", "--log-level", "warn"));
        args.addAll(List.of(extra));
        return ServerProcess.java(SERVER_CORE, List.of(), KeelMain.class.getName(), args);
    }

    private static List<String> floor(boolean virtual) {
        return ServerProcess.java(SERVER_CORE, List.of(), FloorServer.class.getName(),
                virtual ? List.of("--virtual") : List.of());
    }

    // ------------------------------------------------------------------ scenarios

    /** Streamable HTTP echo at 1, 16, 64 and 256 in flight: the floor both ways, Keel in both eras. */
    private void http() throws Exception {
        int[] levels = smoke ? new int[] {16} : new int[] {1, 16, 64, 256};
        Map<String, Map<Integer, List<HttpLoad.Result>>> results = new LinkedHashMap<>();
        Map<String, double[]> resources = new LinkedHashMap<>();
        for (String server : List.of("floor (platform threads)", "floor (virtual threads)", "keel 2026-07-28",
                "keel 2025-11-25 session")) {
            List<String> command = switch (server) {
                case "floor (platform threads)" -> floor(false);
                case "floor (virtual threads)" -> floor(true);
                default -> keel("--port", "0");
            };
            try (ServerProcess process = ServerProcess.http(command); HttpLoad load = new HttpLoad(1024)) {
                HttpLoad.Shape shape = server.contains("session") ? HttpShapes.legacy(HttpShapes.initialize(load, process.url)) : HttpShapes.modern();
                load.run(process.url, shape, 64, serverWarmUp, Duration.ZERO);
                Map<Integer, List<HttpLoad.Result>> byLevel = new LinkedHashMap<>();
                for (int level : levels) {
                    List<HttpLoad.Result> runs = rounds(load, process.url, shape, level, measured);
                    byLevel.put(level, runs);
                    System.err.printf(Locale.ROOT, "http %s @%d: %.0f req/s%n", server, level,
                            median(runs, HttpLoad.Result::throughput));
                }
                results.put(server, byLevel);
                resources.put(server, new double[] {process.peakRssMiB(), process.cpuSeconds()});
            }
        }
        line("## Streamable HTTP: tools/call of echo (Java load generator)");
        line("");
        line("| Server | In flight | Requests/s | vs floor | p50 ms | p99 ms | p99.9 ms | Errors |");
        line("|---|---|---|---|---|---|---|---|");
        Map<Integer, List<HttpLoad.Result>> floor = results.get("floor (platform threads)");
        for (Map.Entry<String, Map<Integer, List<HttpLoad.Result>>> server : results.entrySet()) {
            for (Map.Entry<Integer, List<HttpLoad.Result>> level : server.getValue().entrySet()) {
                List<HttpLoad.Result> runs = level.getValue();
                double floorRps = median(floor.get(level.getKey()), HttpLoad.Result::throughput);
                line(String.format(Locale.ROOT, "| %s | %d | %s | %.0f %% | %s | %s | %s | %d |", server.getKey(),
                        level.getKey(), spread(runs, HttpLoad.Result::throughput, "%.0f"),
                        100 * median(runs, HttpLoad.Result::throughput) / floorRps,
                        spread(runs, HttpLoad.Result::p50Ms, "%.2f"), spread(runs, HttpLoad.Result::p99Ms, "%.2f"),
                        spread(runs, HttpLoad.Result::p999Ms, "%.2f"),
                        runs.stream().mapToLong(HttpLoad.Result::errors).sum()));
            }
        }
        line("");
        line("| Server | Peak RSS MiB | CPU s |");
        line("|---|---|---|");
        resources.forEach((server, r) -> line(String.format(Locale.ROOT, "| %s | %.0f | %.1f |", server, r[0], r[1])));
        line("");
    }

    /** The same HTTP load from {@code wrk}, a C client that one core of Java cannot outrun. */
    private void wrk() throws Exception {
        if (!available("wrk", "--version")) {
            line("## wrk: not installed (apt-get install wrk); skipped");
            line("");
            return;
        }
        Path script = Files.createTempFile("keel-bench", ".lua");
        Files.writeString(script, """
                counter = 0
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["Accept"] = "application/json, text/event-stream"
                wrk.headers["MCP-Protocol-Version"] = "2026-07-28"
                wrk.headers["Mcp-Method"] = "tools/call"
                wrk.headers["Mcp-Name"] = "echo"
                request = function()
                  counter = counter + 1
                  return wrk.format(nil, nil, nil, '{"jsonrpc":"2.0","id":' .. counter .. ',"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello, keel"},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}')
                end
                """);
        line("## Streamable HTTP: tools/call of echo (wrk, 1 thread, 64 connections)");
        line("");
        line("| Server | Requests/s | vs floor | p50 ms | p99 ms |");
        line("|---|---|---|---|---|");
        double floorRps = 0;
        for (String server : List.of("floor (platform threads)", "floor (virtual threads)", "keel 2026-07-28")) {
            List<String> command = switch (server) {
                case "floor (platform threads)" -> floor(false);
                case "floor (virtual threads)" -> floor(true);
                default -> keel("--port", "0");
            };
            try (ServerProcess process = ServerProcess.http(command)) {
                runWrk(process.url, script, serverWarmUp.plus(warmUp));
                List<double[]> runs = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    runs.add(runWrk(process.url, script, measured));
                }
                double rps = medianOf(runs, 0);
                if (floorRps == 0) {
                    floorRps = rps;
                }
                line(String.format(Locale.ROOT, "| %s | %s | %.0f %% | %s | %s |", server, spreadOf(runs, 0, "%.0f"),
                        100 * rps / floorRps, spreadOf(runs, 1, "%.2f"), spreadOf(runs, 2, "%.2f")));
            }
        }
        line("");
    }

    /** Requests/s, p50 ms, p99 ms of one wrk run. */
    private static double[] runWrk(URI url, Path script, Duration time) throws Exception {
        List<String> command = ServerProcess.Pinning.on("0", List.of("wrk", "-t1", "-c64",
                "-d" + Math.max(1, time.toSeconds()) + "s", "--latency", "-s", script.toString(), url.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!rps.find()) {
            throw new IOException("wrk printed no rate: " + out);
        }
        return new double[] {Double.parseDouble(rps.group(1)), wrkLatency(out, "50%"), wrkLatency(out, "99%")};
    }

    private static double wrkLatency(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return -1;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    /**
     * stdio: pipelined echo calls, 512 outstanding, every one answered; measured in a process that has
     * served as many calls before (its JIT warmed up), one process per round.
     */
    private void stdio() throws Exception {
        int calls = smoke ? 5_000 : 100_000;
        List<double[]> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Process process = new ProcessBuilder(ServerProcess.java(SERVER_CORE, List.of(), KeelMain.class.getName(),
                    List.of("serve", "--stdio", "--log-level", "warn"))).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (Pipeline pipeline = new Pipeline(process)) {
                pipeline.run(0, smoke ? calls : 4 * calls, 512);
                runs.add(pipeline.run(4L * calls, calls, 512));
            } finally {
                process.destroyForcibly();
            }
        }
        line("## stdio: " + calls + " pipelined tools/call of echo (512 outstanding), after as many to warm up");
        line("");
        line("| Calls/s | Answered |");
        line("|---|---|");
        line("| " + spreadOf(runs, 0, "%.0f") + " | " + (long) medianOf(runs, 1) + " of " + calls + " |");
        line("");
    }

    /** Requests written to a stdio server as fast as a window of outstanding ones allows; answers counted. */
    private static final class Pipeline implements AutoCloseable {
        private final Process process;
        private final OutputStream out;
        private final java.util.concurrent.Semaphore outstanding = new java.util.concurrent.Semaphore(0);
        private final AtomicLong results = new AtomicLong();
        private final Thread reader;

        Pipeline(Process process) {
            this.process = process;
            this.out = new java.io.BufferedOutputStream(process.getOutputStream(), 1 << 16);
            this.reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8), 1 << 16)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.contains("\"result\"")) {
                            results.incrementAndGet();
                        }
                        outstanding.release();
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
        }

        /** Sends {@code calls} calls with ids from {@code firstId}; calls/s and how many got a result. */
        double[] run(long firstId, int calls, int window) throws Exception {
            outstanding.drainPermits();
            outstanding.release(window);
            long resultsBefore = results.get();
            long start = System.nanoTime();
            for (long i = firstId; i < firstId + calls; i++) {
                if (!outstanding.tryAcquire()) {
                    out.flush();
                    if (!outstanding.tryAcquire(2, TimeUnit.MINUTES)) {
                        throw new IOException("no answer for two minutes");
                    }
                }
                out.write(Fixtures.echoCall(i, "hello, keel"));
                out.write('\n');
            }
            out.flush();
            // every answer gives a permit back: the whole window is free again once all calls are answered
            if (!outstanding.tryAcquire(window, 2, TimeUnit.MINUTES)) {
                throw new IOException("not every call was answered within two minutes");
            }
            long elapsed = System.nanoTime() - start;
            return new double[] {calls * 1e9 / elapsed, results.get() - resultsBefore};
        }

        @Override
        public void close() throws Exception {
            out.close();
            reader.join(Duration.ofSeconds(5));
        }
    }

    /** 1,000 concurrent sleep calls of 100 ms, kept in flight. */
    private void sleep() throws Exception {
        int inFlight = smoke ? 100 : 1000;
        HttpLoad.Shape shape = new HttpLoad.Shape() {
            @Override
            public byte[] body(long i) {
                return ("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\","
                        + "\"arguments\":{\"ms\":100}," + Fixtures.META + "}}").getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public void headers(Request request) {
                request.headers(h -> h.put("Accept", "application/json, text/event-stream")
                        .put("MCP-Protocol-Version", "2026-07-28").put("Mcp-Method", "tools/call").put("Mcp-Name", "sleep"));
            }
        };
        Map<String, List<HttpLoad.Result>> results = new LinkedHashMap<>();
        results.put("floor (virtual threads)", sleeps(floor(true), shape, inFlight));
        results.put("keel 2026-07-28", sleeps(keel("--port", "0"), shape, inFlight));
        line("## " + inFlight + " concurrent sleep calls of 100 ms over HTTP (2026-07-28)");
        line("");
        line("| Server | Calls/s | p50 ms | p99 ms | Errors |");
        line("|---|---|---|---|---|");
        results.forEach((server, runs) -> line("| " + server + " | " + spread(runs, HttpLoad.Result::throughput, "%.0f")
                + " | " + spread(runs, HttpLoad.Result::p50Ms, "%.1f") + " | " + spread(runs, HttpLoad.Result::p99Ms, "%.1f")
                + " | " + runs.stream().mapToLong(HttpLoad.Result::errors).sum() + " |"));
        line("");
    }

    private List<HttpLoad.Result> sleeps(List<String> command, HttpLoad.Shape shape, int inFlight) throws Exception {
        try (ServerProcess process = ServerProcess.http(command); HttpLoad load = new HttpLoad(inFlight + 16)) {
            load.run(process.url, shape, inFlight, serverWarmUp, Duration.ZERO);
            return rounds(load, process.url, shape, inFlight, smoke ? measured : Duration.ofSeconds(10));
        }
    }

    /** The measured rounds at one level, each after its own warm-up. */
    private List<HttpLoad.Result> rounds(HttpLoad load, URI url, HttpLoad.Shape shape, int inFlight, Duration each)
            throws Exception {
        List<HttpLoad.Result> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            runs.add(load.run(url, shape, inFlight, warmUp, each));
        }
        return runs;
    }

    /** 10,000 legacy sessions opened and abandoned, in this process: heap per session after a full GC. */
    private void sessions() throws Exception {
        int count = smoke ? 500 : 10_000;
        McpServer server = Fixtures.echoServer();
        HttpTransport transport = HttpTransport.builder().port(0).maxSessions(10_000).build();
        transport.start(server);
        long before;
        long after;
        try (HttpLoad load = new HttpLoad(64)) {
            URI url = transport.url();
            HttpShapes.initialize(load, url);  // the first session pays for warm classes, not counted
            before = usedHeapAfterGc();
            AtomicLong failures = new AtomicLong();
            AtomicInteger next = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    while (next.incrementAndGet() <= count) {
                        try {
                            HttpShapes.initialize(load, url);
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread client : clients) {
                client.join();
            }
            after = usedHeapAfterGc();
            line("## " + count + " legacy sessions opened and abandoned (in process, cap 10,000)");
            line("");
            line("| Sessions held | Heap per session | Failures |");
            line("|---|---|---|");
            line(String.format(Locale.ROOT, "| %d | %.0f bytes | %d |", transport.sessionCount(),
                    (after - before) / (double) count, failures.get()));
            line("");
        } finally {
            transport.stop(Duration.ofSeconds(1));
            server.close();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * From process start to the first answer over stdio, as a user starts it ({@code ./keel}, which
     * keeps an AOT cache or CDS archive up to date) and as a bare {@code java -jar} without one, on
     * both cores and pinned to one; and the idle RSS of the HTTP server {@code ./keel serve} starts.
     */
    private void startup() throws Exception {
        Path root = Path.of(System.getProperty("keel.root", ".")).toAbsolutePath().normalize();
        String launcher = root.resolve("keel").toString();
        String jar = root.resolve("keel-server/target/keel-server.jar").toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the first ./keel after a build trains its cache: not what is measured
        firstAnswer(ServerProcess.Pinning.on("0,1", List.of(launcher, "serve", "--stdio", "--log-level", "warn")));
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("./keel serve --stdio", List.of(launcher, "serve", "--stdio", "--log-level", "warn"));
        commands.put("java -jar keel-server.jar, no cache", List.of(java, "-jar", jar, "serve", "--stdio", "--log-level",
                "warn"));
        line("## Start-up and idle memory");
        line("");
        line("| Process start to first answer (stdio) | 2 cores | 1 core |");
        line("|---|---|---|");
        for (Map.Entry<String, List<String>> command : commands.entrySet()) {
            List<double[]> free = new ArrayList<>();
            List<double[]> pinned = new ArrayList<>();
            for (int round = 0; round < Math.max(5, rounds); round++) {
                // this process is pinned to core 0, and children inherit that: name the cores outright
                free.add(new double[] {firstAnswer(ServerProcess.Pinning.on("0,1", command.getValue()))});
                pinned.add(new double[] {firstAnswer(ServerProcess.Pinning.on(SERVER_CORE, command.getValue()))});
            }
            line("| " + command.getKey() + " | " + spreadOf(free, 0, "%.0f") + " ms | " + spreadOf(pinned, 0, "%.0f")
                    + " ms |");
        }
        line("");
        line("| Idle RSS of `./keel serve` (HTTP) | MiB |");
        line("|---|---|");
        List<String> serve = List.of(launcher, "serve", "--port", "0", "--log-level", "warn");
        line(String.format(Locale.ROOT, "| default flags, 2 cores (the JVM picks G1) | %.0f |",
                idleRss(ServerProcess.Pinning.on("0,1", serve))));
        line(String.format(Locale.ROOT, "| default flags, 1 core (the JVM picks the serial collector) | %.0f |",
                idleRss(ServerProcess.Pinning.on(SERVER_CORE, serve))));
        List<String> small = new ArrayList<>(List.of("env", "KEEL_JAVA_OPTS=" + SMALL_FOOTPRINT));
        small.addAll(serve);
        line(String.format(Locale.ROOT, "| `KEEL_JAVA_OPTS='%s'`, 2 cores | %.0f |", SMALL_FOOTPRINT,
                idleRss(ServerProcess.Pinning.on("0,1", small))));
        line("");
    }

    /** JVM options for a small server: the serial collector and a small first heap. */
    private static final String SMALL_FOOTPRINT = "-XX:+UseSerialGC -Xms16m";

    private double idleRss(List<String> command) throws Exception {
        try (ServerProcess process = ServerProcess.http(command)) {
            Thread.sleep(smoke ? 500 : 3000);
            return process.rssMiB();
        }
    }

    /** Milliseconds from starting {@code command} to reading its answer to one 2026-07-28 echo call. */
    private static double firstAnswer(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            process.getOutputStream().write(Fixtures.echoCall(1, "first"));
            process.getOutputStream().write('\n');
            process.getOutputStream().flush();
            String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            long took = System.nanoTime() - start;
            if (first == null || !first.contains("first")) {
                throw new IOException("no answer from " + command + ": " + first);
            }
            return took / 1e6;
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** One 1 MiB argument echoed over HTTP (2026-07-28). */
    private void big() throws Exception {
        String message = "x".repeat(1 << 20);
        byte[] body = Fixtures.echoCall(1, message);
        Histogram times = new Histogram(3);
        try (ServerProcess process = ServerProcess.http(keel("--port", "0")); HttpLoad load = new HttpLoad(4)) {
            for (int i = 0; i < (smoke ? 3 : 60); i++) {
                long start = System.nanoTime();
                ContentResponse response = load.once(process.url, body, "Accept", "application/json, text/event-stream",
                        "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "echo");
                long took = System.nanoTime() - start;
                if (response.getStatus() != 200 || response.getContent().length < (1 << 20)) {
                    throw new IOException("the big echo failed: " + response.getStatus());
                }
                if (i >= (smoke ? 1 : 20)) {
                    times.recordValue(took / 1000);
                }
            }
        }
        line("## One 1 MiB argument echoed over HTTP");
        line("");
        line("| p50 ms | min ms | max ms |");
        line("|---|---|---|");
        line(String.format(Locale.ROOT, "| %.1f | %.1f | %.1f |", times.getValueAtPercentile(50) / 1e3,
                times.getMinValue() / 1e3, times.getMaxValue() / 1e3));
        line("");
    }

    // ------------------------------------------------------------------ statistics

    private static <T> double median(List<T> runs, ToDoubleFunction<T> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static <T> String spread(List<T> runs, ToDoubleFunction<T> value, String format) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        String median = String.format(Locale.ROOT, format, values[values.length / 2]);
        return values.length == 1 ? median : median + " (" + String.format(Locale.ROOT, format, values[0]) + "–"
                + String.format(Locale.ROOT, format, values[values.length - 1]) + ")";
    }

    private static double medianOf(List<double[]> runs, int index) {
        return median(runs, r -> r[index]);
    }

    private static String spreadOf(List<double[]> runs, int index, String format) {
        return spread(runs, r -> r[index], format);
    }

    private static boolean available(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() >= 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
