package dev.keel.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.server.EverythingToolset;
import dev.keel.server.KeelMain;
import dev.keel.spec.CallToolResult;
import dev.keel.transport.http.HttpTransport;

/**
 * Keel driven by the reference TypeScript clients from npm: {@code @modelcontextprotocol/sdk} 1.x in a
 * legacy session and {@code @modelcontextprotocol/client} 2.x pinned to 2026-07-28, each over Streamable
 * HTTP (an in-process server) and stdio (a {@code keel serve --stdio} process the client starts), calling
 * tools, reading a resource, getting a prompt and cancelling a call. Over HTTP the test also sees the
 * cancelled handler stop on the server.
 */
class ReferenceClientsInteropTest {

    private static final Path DIR = Path.of("target", "interop");
    private static final List<String> holdOutcomes = java.util.Collections.synchronizedList(new ArrayList<>());
    private static HttpTransport http;
    private static McpServer server;

    @BeforeAll
    static void installClientsAndStartServer() throws Exception {
        Files.createDirectories(DIR);
        for (String file : List.of("package.json", "interop-client.mjs")) {
            try (InputStream in = ReferenceClientsInteropTest.class.getResourceAsStream("/interop/" + file)) {
                Files.copy(in, DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(DIR.resolve("node_modules/@modelcontextprotocol/client"))
                || !Files.isDirectory(DIR.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            Run install = run(Duration.ofMinutes(5), "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
            assertThat(install.status).as("npm install of the reference clients:\n" + install.output).isZero();
        }
        McpServer.Builder builder = McpServer.builder().name("keel-interop").version("1.0.0");
        new EverythingToolset().register(builder);
        builder.tool(Tool.builder("interop_hold").description("Runs until cancelled").build(), call -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                holdOutcomes.add("cancelled");
                throw e;
            }
            return CallToolResult.text("never");
        });
        server = builder.build();
        http = HttpTransport.builder().port(0).keepAlive(Duration.ofMillis(100)).build();
        http.start(server);
    }

    @AfterAll
    static void stopServer() {
        if (http != null) {
            http.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void theLegacySdkOverHttp() throws Exception {
        int before = holdOutcomes.size();
        Run run = node("legacy", "interop_hold", http.url().toString());
        assertPassed(run);
        assertThat(run.output).contains("OK connect: 2025-11-25 keel-interop").contains("User response: action=accept");
        awaitCancelled(before);
    }

    @Test
    void theModernClientOverHttp() throws Exception {
        int before = holdOutcomes.size();
        Run run = node("modern", "interop_hold", http.url().toString());
        assertPassed(run);
        assertThat(run.output).contains("OK connect: 2026-07-28 keel-interop").contains("Hello, Keel!");
        awaitCancelled(before);
    }

    @Test
    void theLegacySdkOverStdio() throws Exception {
        Run run = node("legacy", "slow", "--stdio", javaCommand(), "-cp", classPath(), KeelMain.class.getName(),
                "serve", "--stdio", "--toolset", "everything");
        assertPassed(run);
        assertThat(run.output).contains("User response: action=accept");
    }

    @Test
    void theModernClientOverStdio() throws Exception {
        Run run = node("modern", "slow", "--stdio", javaCommand(), "-cp", classPath(), KeelMain.class.getName(),
                "serve", "--stdio", "--toolset", "everything");
        assertPassed(run);
        assertThat(run.output).contains("OK connect: 2026-07-28").contains("Hello, Keel!");
    }

    private static void assertPassed(Run run) {
        assertThat(run.status).as(run.output).isZero();
        assertThat(run.output).contains("OK tools/call: This is a simple text response for testing.")
                .contains("OK resources/read: This is the content of the static text resource.")
                .contains("OK prompts/get: Prompt with arguments: arg1='one', arg2='two'")
                .contains("OK cancel: rejected after")
                .contains("all steps passed");
    }

    /** The server saw the cancelled call's handler interrupted. */
    private static void awaitCancelled(int before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (holdOutcomes.size() <= before && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertThat(holdOutcomes.size()).as("the cancelled handler was interrupted on the server").isGreaterThan(before);
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static Run node(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "interop-client.mjs"));
        command.addAll(List.of(args));
        return run(Duration.ofMinutes(2), command.toArray(String[]::new));
    }

    private record Run(int status, String output) {
    }

    private static Run run(Duration timeout, String... command) throws IOException, InterruptedException {
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
