package dev.keel.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The soak: many {@code tools/call} of echo over HTTP against one {@code keel serve} process per era
 * (a 2025-11-25 session, then 2026-07-28 stateless calls), 64 in flight, paused every {@code every}
 * calls to sample the server: heap used after a full GC, live threads, open file descriptors and
 * resident memory. After the last call the client disconnects and the server is sampled again once
 * its descriptors are back to where they started (or after ten seconds). Whatever a request leaves
 * behind shows as a rise that does not stop.
 *
 * <p>The server is sampled from outside, so that the load generator's own threads and sockets never
 * count: {@code jcmd <pid> GC.run}, then {@code jcmd <pid> PerfCounter.print} (the JVM's performance
 * counters, read from its shared memory: {@code java.threads.live} and the used bytes of every heap
 * space), {@code /proc/<pid>/fd} and {@code VmRSS}. The first {@code jcmd} starts the server's Attach
 * Listener thread and its socket; it runs before the first sample, so that both are in every sample.
 * Where {@code jcmd} cannot attach, heap and threads are reported as -1 and the run goes on.
 */
final class Soak {

    /** Requests in flight: the level the HTTP tables quote. */
    static final int IN_FLIGHT = 64;

    /**
     * One look at the server: after {@code calls} calls and {@code seconds} of load so far (for the look
     * after the client disconnected: {@code calls} -1, {@code seconds} since it did).
     */
    record Sample(String label, long calls, double seconds, double heapMiB, long threads, long fds, double rssMiB) {
    }

    /** What one era's run gave. */
    record Run(String era, long calls, long errors, double loadSeconds, double wallSeconds, List<Sample> samples,
            Sample disconnected) {
        double callsPerSecond() {
            return calls / loadSeconds;
        }
    }

    private final List<String> command;
    private final long calls;
    private final long every;
    private final Path jcmd;

    Soak(List<String> command, long calls, long every) {
        this.command = command;
        this.calls = calls;
        this.every = every;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    /** Runs both eras and writes the report through {@code line}. */
    void report(Consumer<String> line) throws Exception {
        if (!Files.isExecutable(jcmd)) {
            line.accept("## Soak: skipped (no jcmd in " + jcmd.getParent() + ": run the load generator on a JDK)");
            line.accept("");
            return;
        }
        List<Run> runs = List.of(run("2025-11-25 session"), run("2026-07-28"));
        line.accept(String.format(Locale.ROOT, "## Soak: %,d tools/call of echo over HTTP per era, %d in flight,"
                + " the server sampled every %,d calls", calls, IN_FLIGHT, every));
        line.accept("");
        line.accept("| Era | Calls | Errors | Load s | Wall s | Calls/s |");
        line.accept("|---|---|---|---|---|---|");
        for (Run run : runs) {
            line.accept(String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %,.0f |", run.era(), run.calls(),
                    run.errors(), run.loadSeconds(), run.wallSeconds(), run.callsPerSecond()));
        }
        line.accept("");
        line.accept("| Era | | Heap after GC MiB | Live threads | Open fds | RSS MiB |");
        line.accept("|---|---|---|---|---|---|");
        for (Run run : runs) {
            List<Sample> s = run.samples();
            Sample start = s.getFirst();
            Sample warm = s.size() > 1 ? s.get(1) : start;
            Sample end = s.getLast();
            row(line, run.era(), "start (no call yet)", start);
            row(line, run.era(), String.format(Locale.ROOT, "after %,d calls", warm.calls()), warm);
            line.accept(String.format(Locale.ROOT, "| %s | max | %.1f | %d | %d | %.0f |", run.era(),
                    max(s, Sample::heapMiB), (long) max(s, Sample::threads), (long) max(s, Sample::fds),
                    max(s, Sample::rssMiB)));
            row(line, run.era(), String.format(Locale.ROOT, "end, %,d calls", end.calls()), end);
            row(line, run.era(), String.format(Locale.ROOT, "client gone, %.1f s later", run.disconnected().seconds()),
                    run.disconnected());
        }
        line.accept("");
        line.accept("Every sample (calls: heap MiB / threads / fds / RSS MiB):");
        line.accept("");
        for (Run run : runs) {
            StringBuilder all = new StringBuilder("- " + run.era() + ":");
            for (Sample sample : run.samples()) {
                all.append(String.format(Locale.ROOT, " %,d: %.1f/%d/%d/%.0f;", sample.calls(), sample.heapMiB(),
                        sample.threads(), sample.fds(), sample.rssMiB()));
            }
            line.accept(all.substring(0, all.length() - 1));
        }
        line.accept("");
    }

    private static void row(Consumer<String> line, String era, String label, Sample s) {
        line.accept(String.format(Locale.ROOT, "| %s | %s | %.1f | %d | %d | %.0f |", era, label, s.heapMiB(), s.threads(),
                s.fds(), s.rssMiB()));
    }

    private static double max(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return samples.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    /** One era against a fresh server. */
    private Run run(String era) throws Exception {
        long wallStart = System.nanoTime();
        try (ServerProcess process = ServerProcess.http(command)) {
            List<Sample> samples = new ArrayList<>();
            long errors = 0;
            long loadNanos = 0;
            HttpLoad load = new HttpLoad(IN_FLIGHT);
            try {
                URI url = process.url;
                HttpLoad.Shape shape = HttpShapes.modern();
                if (era.contains("session")) {
                    String session = HttpShapes.initialize(load, url);
                    if (session == null) {
                        throw new IOException("the server opened no session");
                    }
                    shape = HttpShapes.legacy(session);
                }
                try {
                    jcmd(process, "GC.run");  // the Attach Listener and its socket, before the first sample
                } catch (IOException e) {
                    System.err.println("soak: jcmd cannot attach to the server: " + e.getMessage());
                }
                samples.add(sample(process, "start", 0, 0));
                for (long sent = 0; sent < calls; ) {
                    long n = Math.min(every, calls - sent);
                    long started = System.nanoTime();
                    HttpLoad.Result result = load.calls(url, shape, IN_FLIGHT, sent + 1, n);
                    loadNanos += System.nanoTime() - started;
                    errors += result.errors();
                    sent += n;
                    System.err.printf(Locale.ROOT, "soak %s: %,d calls, %.0f calls/s%n", era, sent, result.throughput());
                    samples.add(sample(process, "calls", sent, loadNanos / 1e9));
                }
            } finally {
                load.close();
            }
            Sample disconnected = afterDisconnect(process, samples.getFirst().fds());
            return new Run(era, calls, errors, loadNanos / 1e9, (System.nanoTime() - wallStart) / 1e9, samples,
                    disconnected);
        }
    }

    /** Samples until the server holds no more descriptors than at the start, or ten seconds have passed. */
    private Sample afterDisconnect(ServerProcess process, long startFds) throws Exception {
        long begin = System.nanoTime();
        while (true) {
            double waited = (System.nanoTime() - begin) / 1e9;
            Sample sample = sample(process, "client gone", -1, waited);
            if (sample.fds() <= startFds || waited >= 10) {
                return sample;
            }
            Thread.sleep(250);
        }
    }

    private Sample sample(ServerProcess process, String label, long callsSoFar, double seconds) throws Exception {
        String counters = "";
        try {
            jcmd(process, "GC.run");
            counters = jcmd(process, "PerfCounter.print");
        } catch (IOException e) {
            System.err.println("soak: no heap or thread figures: " + e.getMessage());  // reported as -1
        }
        long heapBytes = counters.isEmpty() ? -(1 << 20) : 0;
        long threads = -1;
        for (String counter : counters.split("\n")) {
            int eq = counter.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = counter.substring(0, eq);
            if (name.equals("java.threads.live")) {
                threads = Long.parseLong(counter.substring(eq + 1).strip());
            } else if (name.matches("sun\\.gc\\.generation\\.\\d+\\.space\\.\\d+\\.used")) {
                heapBytes += Long.parseLong(counter.substring(eq + 1).strip());
            }
        }
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc", Long.toString(process.process.pid()), "fd"))) {
            fds = open.count();
        } catch (IOException e) {
            fds = -1;
        }
        return new Sample(label, callsSoFar, seconds, heapBytes / (1024.0 * 1024.0), threads, fds, process.rssMiB());
    }

    /** Runs one {@code jcmd} diagnostic command against the server and returns what it printed. */
    private String jcmd(ServerProcess process, String what) throws Exception {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.process.pid()), what)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("jcmd " + what + " failed: " + out);
        }
        return out;
    }
}
