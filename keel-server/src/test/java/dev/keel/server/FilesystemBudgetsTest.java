package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keel.core.McpServer;
import dev.keel.core.ToolError;
import dev.keel.testkit.McpTestClient;

/**
 * What the filesystem toolset does with inputs built to cost it: a FIFO where a file was (never an
 * open that waits for a writer), and a glob built to backtrack (answered at once by the linear
 * matcher, its handler done).
 */
class FilesystemBudgetsTest {

    @TempDir
    static Path root;

    @BeforeAll
    static void tree() throws Exception {
        Files.writeString(root.resolve("plain.txt"), "plain");
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe.txt").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo made the FIFO").isTrue();
    }

    @Test
    void aFifoIsRefusedByTheToolAndTheResourceWithoutWaitingForAWriter() throws Exception {
        McpServer server = FilesystemToolsetTest.serve(McpServer.builder(), root);
        try (McpTestClient client = McpTestClient.connect(server)) {
            McpTestClient.ToolResult read = client.callTool("read_file", Map.of("path", "pipe.txt"));
            assertThat(read.isError()).isTrue();
            assertThat(read.text()).isEqualTo("'pipe.txt' is not a file");

            assertThat(client.callTool("read_file", Map.of("path", "plain.txt")).text()).isEqualTo("plain");
        } finally {
            server.close();
        }
    }

    /**
     * The open itself, as it runs when a FIFO is swapped in after the check: it gives up after its
     * patience with a clear error, and releases the waiting open, so a second one behaves the same.
     */
    @Test
    void anOpenThatWaitsIsGivenUpAndReleased() throws Exception {
        Path pipe = root.resolve("pipe.txt");
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> RegularFiles.open(pipe, "pipe.txt", Duration.ofMillis(200)))
                    .isInstanceOf(ToolError.class)
                    .hasMessage("'pipe.txt' is not a regular file (it did not open within 200 ms)");
        }
        assertThatThrownBy(() -> RegularFiles.openForReading(pipe, "pipe.txt"))
                .isInstanceOf(ToolError.class).hasMessage("'pipe.txt' is not a regular file");
        try (FileChannel plain = RegularFiles.openForReading(root.resolve("plain.txt"), "plain.txt")) {
            assertThat(plain.size()).isEqualTo(5);
        }
    }

    @Test
    void aGlobBuiltToBacktrackIsAnsweredWithinTheDeadlineAndItsHandlerEnds() throws Exception {
        Path tree = Files.createDirectories(root.resolve("deep"));
        for (int i = 0; i < 200; i++) {
            Files.writeString(tree.resolve("a".repeat(60) + i + ".txt"), "x");
        }
        FilesystemToolsetTest.HandlerWatch watch = new FilesystemToolsetTest.HandlerWatch();
        McpServer server = FilesystemToolsetTest.serve(
                McpServer.builder().requestTimeout(Duration.ofSeconds(5)).middleware(watch), tree);
        // java.util.regex backtracks through about 10^15 steps per name on this; the linear matcher does not
        String pattern = "**?".repeat(20) + "b";
        try (McpTestClient client = McpTestClient.connect(server)) {
            McpTestClient.ToolResult result = client.callTool("search_files", Map.of("pattern", pattern));

            assertThat(result.isError()).isFalse();
            assertThat(result.text()).contains("no files match");
            Thread handler = watch.handler();
            assertThat(handler.join(Duration.ofSeconds(5))).as("the handler ended: nothing burns on").isTrue();
        } finally {
            server.close();
        }
    }
}
