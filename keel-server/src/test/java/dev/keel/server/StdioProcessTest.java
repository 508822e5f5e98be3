package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;

/** The real {@code keel serve --stdio} process, driven over its stdin and stdout. */
class StdioProcessTest {

    private final List<Process> processes = new ArrayList<>();

    private Process start(String... extra) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, KeelMain.class.getName(), "serve", "--stdio"));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command)
                .redirectError(File.createTempFile("keel-stderr", ".log"))
                .start();
        processes.add(process);
        return process;
    }

    private static Connection over(Process process) {
        return Connection.lines(process.getInputStream(), process.getOutputStream());
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aModernClientDiscoversAndCallsATool() throws Exception {
        Process process = start();
        try (McpTestClient client = McpTestClient.builder().connect(over(process))) {
            assertThat(client.discover().supportedVersions()).startsWith("2026-07-28");
            assertThat(client.callTool("add", Map.of("a", 2, "b", 3)).structured().path("sum").asInt()).isEqualTo(5);
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void aLegacyClientInitializesListsAndCallsTools() throws Exception {
        Process process = start();
        try (McpTestClient client = McpTestClient.builder().version(ProtocolVersion.V2024_11_05).connect(over(process))) {
            assertThat(client.initializeResult().serverInfo().name()).isEqualTo("keel-demo");
            assertThat(client.listTools().tools()).extracting(dev.keel.spec.Tool::name)
                    .containsExactly("echo", "add", "sleep");
            assertThat(client.callTool("echo", Map.of("message", "over stdio")).text()).isEqualTo("over stdio");
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void garbageGetsAParseErrorAndTheServerKeepsServing() throws Exception {
        Process process = start();
        try (McpTestClient client = McpTestClient.builder().connect(over(process))) {
            Reply garbage = client.raw().send("\u0000 definitely not JSON");
            assertThat(garbage.errorCode()).isEqualTo(JsonRpcError.PARSE_ERROR);
            assertThat(garbage.id().isMissingNode()).isTrue();
            Reply invalid = client.raw().send("{\"jsonrpc\":\"2.0\",\"id\":5}");
            assertThat(invalid.errorCode()).isEqualTo(JsonRpcError.INVALID_REQUEST);
            assertThat(client.callTool("echo", Map.of("message", "fine")).text()).isEqualTo("fine");
        }
    }

    @Test
    void aLineOverTheConfiguredMaximumIsRefusedAndTheServerKeepsServing() throws Exception {
        Process process = start("--max-message-bytes", "2048");
        try (McpTestClient client = McpTestClient.builder().connect(over(process))) {
            Reply refused = client.raw().send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"x\":\""
                    + "z".repeat(100_000) + "\"}}");
            assertThat(refused.errorCode()).isEqualTo(JsonRpcError.INVALID_REQUEST);
            assertThat(refused.errorMessage()).contains("limit of 2048 bytes");
            assertThat(client.callTool("echo", Map.of("message", "next")).text()).isEqualTo("next");
        }
    }

    @Test
    void atEndOfInputARunningCallStillAnswersAndTheProcessExitsWithZero() throws Exception {
        Process process = start();
        Connection connection = over(process);
        McpTestClient client = McpTestClient.builder().connect(connection);
        McpTestClient.RequestHandle sleeping = client.startTool("sleep", Map.of("ms", 500));
        // lines are read in order: the request is running before the end of input is seen
        process.getOutputStream().close();

        assertThat(sleeping.reply().result().path("content").get(0).path("text").asString()).isEqualTo("slept 500 ms");
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void theEverythingToolsetListsItsToolsResourcesAndPrompts() throws Exception {
        Process process = start("--toolset", "everything");
        try (McpTestClient client = McpTestClient.builder().connect(over(process))) {
            assertThat(client.listTools().tools()).extracting(dev.keel.spec.Tool::name)
                    .contains("echo", "weather", "ask_name", "summarize", "add_tool", "slow");
            assertThat(client.listPrompts().prompts()).extracting(dev.keel.spec.Prompt::name)
                    .contains("greeting", "plan_trip", "test_simple_prompt");
            assertThat(client.listResourceTemplates().resourceTemplates()).hasSize(2);
        }
    }

    @Test
    void nothingButMessagesReachesStdout() throws Exception {
        Process process = start("--log-level", "debug");
        process.getOutputStream().write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stdout).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n");
    }

    @Test
    void cancellingALongSleepStopsIt() throws Exception {
        Process process = start();
        try (McpTestClient client = McpTestClient.builder().connect(over(process))) {
            McpTestClient.RequestHandle sleeping = client.startTool("sleep", Map.of("ms", 600_000));
                sleeping.cancel("stop");
            sleeping.assertNoReplyWithin(Duration.ofMillis(300));
            client.close();
            // with the sleep cancelled, end of input stops the process well inside the 5 s grace period
            assertThat(process.waitFor(4, TimeUnit.SECONDS)).isTrue();
        }
    }
}
