package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;

/** The real {@code keel serve --port 0} process: it prints its URL, serves both eras and WebSocket, and stops on SIGTERM. */
class HttpProcessTest {

    private static final Pattern URL = Pattern.compile("(http://\\S+/mcp)");
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    /** Starts {@code keel serve --port 0} with {@code more} arguments; returns the URL it prints. */
    private URI serve(File stderr, String... more) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, KeelMain.class.getName(), "serve", "--port", "0", "--toolset", "demo"));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).redirectError(stderr).start();
        processes.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the one line printed on start").isNotNull().contains("http://127.0.0.1:");
        Matcher matcher = URL.matcher(line);
        assertThat(matcher.find()).isTrue();
        return URI.create(matcher.group(1));
    }

    @Test
    void servesAtThePrintedUrlAndStopsCleanly() throws Exception {
        File stderr = File.createTempFile("keel-http", ".log");
        URI url = serve(stderr);
        Process process = processes.getLast();

        try (McpTestClient modern = McpTestClient.builder().connect(Connection.http(url))) {
            assertThat(modern.callTool("add", Map.of("a", 2, "b", 3)).structured().path("sum").asInt()).isEqualTo(5);
        }
        try (McpTestClient legacy = McpTestClient.builder().version(ProtocolVersion.V2025_06_18)
                .connect(Connection.http(url))) {
            assertThat(legacy.callTool("echo", Map.of("message", "over http")).text()).isEqualTo("over http");
        }
        URI ws = URI.create("ws://" + url.getAuthority() + "/mcp/ws");
        try (McpTestClient socket = McpTestClient.builder().connect(Connection.webSocket(ws))) {
            assertThat(socket.callTool("echo", Map.of("message", "over ws")).text()).isEqualTo("over ws");
        }

        process.destroy();  // SIGTERM, as Ctrl-C or an orchestrator sends
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(stderr.toPath())).contains("Stopping").contains("Stopped");
    }

    @Test
    void theLimitsPerAddressAreTheConfiguredOnes() throws Exception {
        File stderr = File.createTempFile("keel-http", ".log");
        URI url = serve(stderr, "--set", "keel.http.per-address.max-connections=1");
        byte[] request = ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
        try (Socket first = new Socket(url.getHost(), url.getPort()); Socket second = new Socket(url.getHost(), url.getPort())) {
            first.setSoTimeout(10_000);
            second.setSoTimeout(10_000);
            first.getOutputStream().write(request);
            assertThat(new String(first.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .as("the first connection is served").startsWith("HTTP/1.1 ");
            int read;
            try {
                read = second.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            assertThat(read).as("the second is closed as it is accepted").isEqualTo(-1);
        }
        assertThat(Files.readString(stderr.toPath())).contains("it is at its limit of 1 connections per client address");
    }
}
