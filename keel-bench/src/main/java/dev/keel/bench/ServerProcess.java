package dev.keel.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test in a process of its own, pinned to a core when {@code taskset} is there, with
 * its peak RSS and CPU time read from {@code /proc} when it is stopped.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("(http://\\S+/mcp)");

    final Process process;
    final URI url;

    private ServerProcess(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** {@code java -cp <this class path> <main> args…}, on core {@code core} if pinning is possible. */
    static List<String> java(String core, List<String> jvmOptions, String main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        String extra = System.getProperty("keel.bench.jvm", "").strip();  // e.g. -Dkeel.bench.jvm=-XX:+UseSerialGC
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        command.addAll(args);
        return core == null ? command : Pinning.on(core, command);
    }

    /** Starts an HTTP server process and waits for the line with its URL. */
    static ServerProcess http(List<String> command) throws IOException {
        File log = File.createTempFile("keel-bench-server", ".log");
        Process process = new ProcessBuilder(command).redirectError(log).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher matcher = URL.matcher(line);
            if (matcher.find()) {
                return new ServerProcess(process, URI.create(matcher.group(1)));
            }
        }
        throw new IOException("the server printed no URL; its log: " + Files.readString(log.toPath()));
    }

    /** Peak resident memory so far, in MiB ({@code VmHWM}); -1 where /proc cannot tell. */
    double peakRssMiB() {
        return status("VmHWM:");
    }

    /** Resident memory now, in MiB ({@code VmRSS}). */
    double rssMiB() {
        return status("VmRSS:");
    }

    private double status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User and system CPU seconds so far ({@code /proc/PID/stat}, clock ticks of 1/100 s). */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Core pinning with {@code taskset}: the load on core 0, servers on core 1. */
    static final class Pinning {
        private static final boolean AVAILABLE = detect();

        private Pinning() {
        }

        static boolean available() {
            return AVAILABLE;
        }

        /** {@code command} run on {@code cores} ({@code taskset -c}), or as it is where pinning is impossible. */
        static List<String> on(String cores, List<String> command) {
            if (!AVAILABLE) {
                return command;
            }
            List<String> pinned = new ArrayList<>(List.of("taskset", "-c", cores));
            pinned.addAll(command);
            return pinned;
        }

        private static boolean detect() {
            if (Runtime.getRuntime().availableProcessors() < 2) {
                return false;
            }
            try {
                return new ProcessBuilder("taskset", "-V").redirectErrorStream(true).start().waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Pins this process to {@code core}; returns whether it could. */
        static boolean pinSelf(String core) {
            if (!AVAILABLE) {
                return false;
            }
            try {
                return new ProcessBuilder("taskset", "-a", "-cp", core, Long.toString(ProcessHandle.current().pid()))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
