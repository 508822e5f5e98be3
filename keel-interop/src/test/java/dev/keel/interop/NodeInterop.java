package dev.keel.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node side of the interop tests: the scripts and their pinned npm packages in
 * {@code target/interop} (installed on first use), and running them.
 */
final class NodeInterop {

    /** Where the scripts and {@code node_modules} live. */
    static final Path DIR = Path.of("target", "interop");

    private static final List<String> FILES = List.of("package.json", "interop-client.mjs", "legacy-server.mjs");
    private static final List<String> PACKAGES = List.of("@modelcontextprotocol/client", "@modelcontextprotocol/sdk", "zod");

    private NodeInterop() {
    }

    /** Copies the scripts into {@link #DIR} and installs the packages {@code package.json} pins, unless they are there. */
    static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        for (String file : FILES) {
            try (InputStream in = NodeInterop.class.getResourceAsStream("/interop/" + file)) {
                Files.copy(in, DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!PACKAGES.stream().allMatch(p -> Files.isDirectory(DIR.resolve("node_modules").resolve(p)))) {
            Run install = run(Duration.ofMinutes(5), "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
            assertThat(install.status()).as("npm install of the reference SDKs:\n" + install.output()).isZero();
        }
    }

    /** {@code file} in {@link #DIR}, as an absolute path (for commands run from elsewhere). */
    static String script(String file) {
        return DIR.resolve(file).toAbsolutePath().toString();
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** How a command ended: its exit status (-1 if it ran out of time) and its output and errors together. */
    record Run(int status, String output) {
    }

    /** Runs {@code command} in {@link #DIR} with no input, for at most {@code timeout}. */
    static Run run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(output unreadable: ").append(e).append(')');
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            reader.join(Duration.ofSeconds(5));
            return new Run(-1, "timed out after " + timeout + ":\n" + output);
        }
        reader.join(Duration.ofSeconds(5));
        return new Run(process.exitValue(), output.toString());
    }
}
