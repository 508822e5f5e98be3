package dev.keel.interop;

import static dev.keel.interop.NodeInterop.classPath;
import static dev.keel.interop.NodeInterop.javaCommand;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import dev.keel.interop.NodeInterop.Run;
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

    private static final List<String> holdOutcomes = java.util.Collections.synchronizedList(new ArrayList<>());
    private static HttpTransport http;
    private static McpServer server;

    @BeforeAll
    static void installClientsAndStartServer() throws Exception {
        NodeInterop.install();
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
        assertThat(run.output()).contains("OK connect: 2025-11-25 keel-interop").contains("User response: action=accept");
        awaitCancelled(before);
    }

    @Test
    void theModernClientOverHttp() throws Exception {
        int before = holdOutcomes.size();
        Run run = node("modern", "interop_hold", http.url().toString());
        assertPassed(run);
        assertThat(run.output()).contains("OK connect: 2026-07-28 keel-interop").contains("Hello, Keel!");
        awaitCancelled(before);
    }

    @Test
    void theLegacySdkOverStdio() throws Exception {
        Run run = node("legacy", "slow", "--stdio", javaCommand(), "-cp", classPath(), KeelMain.class.getName(),
                "serve", "--stdio", "--toolset", "everything");
        assertPassed(run);
        assertThat(run.output()).contains("User response: action=accept");
    }

    @Test
    void theModernClientOverStdio() throws Exception {
        Run run = node("modern", "slow", "--stdio", javaCommand(), "-cp", classPath(), KeelMain.class.getName(),
                "serve", "--stdio", "--toolset", "everything");
        assertPassed(run);
        assertThat(run.output()).contains("OK connect: 2026-07-28").contains("Hello, Keel!");
    }

    private static void assertPassed(Run run) {
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("OK tools/call: This is a simple text response for testing.")
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

    private static Run node(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "interop-client.mjs"));
        command.addAll(List.of(args));
        return NodeInterop.run(Duration.ofMinutes(2), command.toArray(String[]::new));
    }
}
