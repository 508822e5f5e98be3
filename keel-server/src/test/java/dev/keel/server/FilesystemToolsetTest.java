package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.keel.config.ConfigLoader;
import dev.keel.core.Call;
import dev.keel.core.McpServer;
import dev.keel.core.Middleware;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.Tool;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;

/**
 * The filesystem toolset refuses every way out of its root (traversal, absolute paths, encoded and
 * Windows separators, links that leave, links into denied names, loops, prefix siblings) and serves
 * what lies inside, within its settings: {@code write_file} only on a writable root, searches capped
 * at their maximum, and reads of large files that stop with their call.
 */
class FilesystemToolsetTest {

    @TempDir
    static Path base;
    static Path root;
    static McpServer server;
    static McpTestClient client;

    @BeforeAll
    static void tree() throws Exception {
        root = Files.createDirectories(base.resolve("data"));
        Path outside = Files.createDirectories(base.resolve("outside"));
        Path sibling = Files.createDirectories(base.resolve("data2"));
        Files.writeString(outside.resolve("secret.txt"), "outside secret");
        Files.writeString(sibling.resolve("secret.txt"), "sibling secret");
        Files.writeString(root.resolve("README.md"), "hello from the root");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/guide.md"), "the guide");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[core]");
        Files.writeString(root.resolve(".env"), "TOKEN=secret");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/.env"), "TOKEN=secret");
        Files.write(root.resolve("data.bin"), new byte[] {0, 1, 2});
        Files.writeString(root.resolve("notes.txt"), "notes");
        Files.createSymbolicLink(root.resolve("link-out"), outside);
        Files.createSymbolicLink(root.resolve("link-file-out"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("link-in"), root.resolve("docs"));
        Files.createSymbolicLink(root.resolve("link-secret"), root.resolve(".git/config"));
        Files.createSymbolicLink(root.resolve("loop1"), root.resolve("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), root.resolve("loop1"));
        Files.createSymbolicLink(root.resolve("dangling"), base.resolve("nowhere"));
        Files.createSymbolicLink(root.resolve("docs/up"), base);

        server = serve(McpServer.builder(), root, "keel.filesystem.allowed-extensions", "md,txt",
                "keel.filesystem.max-file-bytes", "1000", "keel.filesystem.writable", "true");
        client = McpTestClient.connect(server, ProtocolVersion.V2026_07_28);
    }

    /** The filesystem toolset over {@code directory}, configured by {@code settings} (key, value, …), on {@code builder}. */
    static McpServer serve(McpServer.Builder builder, Path directory, String... settings) throws Exception {
        Map<String, String> keys = new HashMap<>(Map.of("keel.toolsets", "filesystem",
                "keel.filesystem.roots", directory.toString()));
        for (int i = 0; i < settings.length; i += 2) {
            keys.put(settings[i], settings[i + 1]);
        }
        FilesystemToolset toolset = new FilesystemToolset();
        toolset.configure(ConfigLoader.load(null, Map.of(), keys));
        toolset.register(builder.name("fs").version("1"));
        return builder.build();
    }

    @AfterAll
    static void close() {
        client.close();
        server.close();
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("../outside/secret.txt", "leaves"),
                Arguments.of("../../etc/passwd", "leaves"),
                Arguments.of("..", "leaves"),
                Arguments.of("./../outside/secret.txt", "leaves"),
                Arguments.of("docs/../../outside/secret.txt", "leaves"),
                Arguments.of("sub/../../outside/secret.txt", "leaves"),
                Arguments.of("docs/./../../outside/secret.txt", "leaves"),
                Arguments.of("docs/guide.md/../../../outside/secret.txt", "leaves"),
                Arguments.of("../data2/secret.txt", "leaves"),
                Arguments.of("..\\outside\\secret.txt", "leaves"),
                Arguments.of("/etc/passwd", "outside the served directories"),
                Arguments.of("/" + "tmp/../etc/passwd", "outside the served directories"),
                Arguments.of("\\..\\outside\\secret.txt", "absolute"),
                Arguments.of("C:\\Windows\\win.ini", "absolute"),
                Arguments.of("~/.ssh/id_rsa", "absolute"),
                Arguments.of("link-out/secret.txt", "symbolic link"),
                Arguments.of("link-file-out", "symbolic link"),
                Arguments.of("docs/up/outside/secret.txt", "symbolic link"),
                Arguments.of("link-in/../../outside/secret.txt", "leaves"),
                Arguments.of("loop1", "looping"),
                Arguments.of("dangling", "symbolic link"),
                Arguments.of(".git/config", "denied"),
                Arguments.of(".GIT/config", "denied"),
                Arguments.of(".env", "denied"),
                Arguments.of("sub/.env", "denied"),
                Arguments.of("sub/../.env", "denied"),
                Arguments.of("docs/../.git/config", "denied"),
                Arguments.of("link-secret", "denied"),
                Arguments.of("README.md\u0000.txt", "NUL"),
                Arguments.of("%2e%2e/outside/secret.txt", "does not exist"),
                Arguments.of("..%2f..%2foutside%2fsecret.txt", "does not exist"),
                Arguments.of("data.bin", "extension"),
                Arguments.of("docs", "not a file"),
                Arguments.of("", "not a file"));
    }

    @ParameterizedTest(name = "read_file {0}")
    @MethodSource("escapes")
    void everyEscapeIsRefused(String path, String why) {
        McpTestClient.ToolResult result = client.callTool("read_file", Map.of("path", path));
        assertThat(result.isError()).as("read_file %s was refused", path).isTrue();
        assertThat(result.text()).contains(why).doesNotContain("outside secret").doesNotContain("sibling secret")
                .doesNotContain("TOKEN").doesNotContain("[core]");
    }

    static Stream<Arguments> escapingUris() {
        return Stream.of(
                Arguments.of("file:///etc/passwd"),
                Arguments.of("file://" + base.resolve("outside/secret.txt")),
                Arguments.of("file://" + base.resolve("data2/secret.txt")),
                Arguments.of("file://" + root + "/../outside/secret.txt"),
                Arguments.of("file://" + root + "/%2e%2e/outside/secret.txt"),
                Arguments.of("file://" + root + "/link-out/secret.txt"),
                Arguments.of("file://" + root + "/.git/config"));
    }

    @ParameterizedTest(name = "resources/read {0}")
    @MethodSource("escapingUris")
    void everyEscapingResourceIsRefused(String uri) {
        Reply reply = client.request("resources/read", Map.of("uri", uri));
        assertThat(reply.isError()).as("resources/read %s was refused", uri).isTrue();
        assertThat(reply.toString()).doesNotContain("outside secret").doesNotContain("sibling secret");
    }

    @Test
    void whatLiesInsideIsServed() {
        for (String path : List.of("README.md", "./README.md", "docs/../README.md", "docs//../README.md")) {
            assertThat(client.callTool("read_file", Map.of("path", path)).text()).as(path).isEqualTo("hello from the root");
        }
        assertThat(client.callTool("read_file", Map.of("path", "link-in/guide.md")).text())
                .as("a link that stays inside is followed").isEqualTo("the guide");
        assertThat(client.callTool("read_file", Map.of("path", "README.md", "offset", 6, "length", 4)).text())
                .isEqualTo("from");
        assertThat(client.callTool("read_file", Map.of("path", root.resolve("README.md").toString())).text())
                .as("an absolute path inside the root reads like its relative form").isEqualTo("hello from the root");
        assertThat(client.callTool("read_file", Map.of("path", "README.md", "offset", 6, "length", Long.MAX_VALUE))
                .text()).as("a length past the end, even one that overflows with the offset").isEqualTo("from the root");
        String listing = client.callTool("list_directory", Map.of()).text();
        assertThat(listing).contains("README.md", "docs/").doesNotContain(".git").doesNotContain(".env");
        assertThat(client.callTool("search_files", Map.of("pattern", "**.md")).text())
                .contains("docs/guide.md").doesNotContain(".git");
        assertThat(client.callTool("stat", Map.of("path", "docs")).structured().path("type").asString()).isEqualTo("directory");
        Reply resource = client.request("resources/read", Map.of("uri", root.resolve("README.md").toUri().toString()));
        assertThat(resource.result().path("contents").get(0).path("text").asString()).isEqualTo("hello from the root");
    }

    @Test
    void largeFilesAreReadInParts() throws Exception {
        Files.writeString(root.resolve("big.txt"), "x".repeat(5000), StandardCharsets.UTF_8);
        McpTestClient.ToolResult whole = client.callTool("read_file", Map.of("path", "big.txt"));
        assertThat(whole.isError()).isTrue();
        assertThat(whole.text()).contains("5000 bytes").contains("offset and length");
        assertThat(client.callTool("read_file", Map.of("path", "big.txt", "offset", 4000, "length", 1000)).text())
                .hasSize(1000);
    }

    @Test
    void writesStayInsideAndAreWholeFiles() throws Exception {
        assertThat(client.callTool("write_file", Map.of("path", "docs/new.md", "content", "# new")).isError()).isFalse();
        assertThat(Files.readString(root.resolve("docs/new.md"))).isEqualTo("# new");
        assertThat(client.callTool("write_file", Map.of("path", "../outside/evil.md", "content", "x")).isError()).isTrue();
        assertThat(client.callTool("write_file", Map.of("path", "link-out/evil.md", "content", "x")).isError()).isTrue();
        assertThat(client.callTool("write_file", Map.of("path", ".git/hooks.md", "content", "x")).isError()).isTrue();
        assertThat(Files.exists(base.resolve("outside/evil.md"))).isFalse();
    }

    @Test
    void aRootNotConfiguredWritableOffersNoWriteFile() throws Exception {
        McpServer readOnly = serve(McpServer.builder(), root);
        try (McpTestClient readOnlyClient = McpTestClient.connect(readOnly)) {
            assertThat(readOnlyClient.listTools().tools()).extracting(Tool::name)
                    .containsExactlyInAnyOrder("read_file", "list_directory", "stat", "search_files");
            Reply write = readOnlyClient.callToolReply("write_file", Map.of("path", "docs/not-written.md", "content", "x"));
            assertThat(write.errorCode()).isEqualTo(-32602);
            assertThat(write.errorMessage()).isEqualTo("Unknown tool: write_file");
            assertThat(readOnlyClient.callTool("stat", Map.of("path", "README.md")).structured().path("writable")
                    .asBoolean()).as("stat says so too").isFalse();
        } finally {
            readOnly.close();
        }
        assertThat(root.resolve("docs/not-written.md")).doesNotExist();
    }

    @Test
    void searchStopsAtItsConfiguredMaximumAndSaysSo() throws Exception {
        Path many = Files.createDirectories(base.resolve("many"));
        for (int i = 1; i <= 5; i++) {
            Files.writeString(many.resolve("n" + i + ".txt"), "file " + i);
        }
        McpServer capped = serve(McpServer.builder(), many, "keel.filesystem.max-search-results", "2");
        try (McpTestClient cappedClient = McpTestClient.connect(capped)) {
            for (Map<String, Object> arguments : List.<Map<String, Object>>of(Map.of("pattern", "*.txt"),
                    Map.of("pattern", "*.txt", "maxResults", 100))) {
                List<String> lines = cappedClient.callTool("search_files", arguments).text().lines().toList();
                assertThat(lines).as("%s: two files, then the note", arguments).hasSize(3);
                assertThat(lines.subList(0, 2)).allMatch(line -> line.matches("n[1-5]\\.txt"));
                assertThat(lines.get(2)).isEqualTo("… (stopped at 2 results)");
            }
            assertThat(cappedClient.callTool("search_files", Map.of("pattern", "*.txt", "maxResults", 1)).text()
                    .lines()).as("a client may ask for fewer").hasSize(2).last().isEqualTo("… (stopped at 1 results)");
            assertThat(cappedClient.callTool("search_files", Map.of("pattern", "n[12].txt")).text().lines())
                    .as("exactly the maximum found: nothing was left out").containsExactlyInAnyOrder("n1.txt", "n2.txt");
        } finally {
            capped.close();
        }
    }

    @Test
    void theFileTemplateIsListed() {
        assertThat(client.listResourceTemplates().resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                .containsExactly("file:///{+path}");
        assertThat(client.readResource(root.resolve("docs/guide.md").toUri().toString()).contents().get(0))
                .extracting("text").as("a URI the template matches is read").isEqualTo("the guide");
    }

    /** Each tools/call's handler thread, and the response its handler produced, which a timeout answers ahead of. */
    static final class HandlerWatch implements Middleware {
        final BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        final BlockingQueue<Response> outcomes = new LinkedBlockingQueue<>();

        @Override
        public Response handle(Call call, Chain chain) {
            if (!call.method().equals("tools/call")) {
                return chain.proceed(call);
            }
            threads.add(Thread.currentThread());
            Response outcome = chain.proceed(call);
            outcomes.add(outcome);
            return outcome;
        }

        /** The thread of the next call's handler, once it runs. */
        Thread handler() throws InterruptedException {
            Thread handler = threads.poll(5, TimeUnit.SECONDS);
            assertThat(handler).as("the handler ran").isNotNull();
            return handler;
        }

        /** {@code handler}'s thread ended, and its read was stopped by the interrupt rather than run to its end. */
        void assertStopped(Thread handler) throws InterruptedException {
            assertThat(handler.join(Duration.ofSeconds(5))).as("the handler's thread ended").isTrue();
            Response outcome = outcomes.poll(5, TimeUnit.SECONDS);
            assertThat(outcome).as("the handler stopped reading; it did not read to the end")
                    .isInstanceOfSatisfying(Response.Failure.class,
                            failure -> assertThat(failure.error().message()).isEqualTo("The request was cancelled"));
        }

        /**
         * {@code handler}'s thread ended, and the middleware saw the timeout answer come back up the chain
         * (what the client got), not the interrupted handler's own failure.
         */
        void assertTimedOut(Thread handler, String answer) throws InterruptedException {
            assertThat(handler.join(Duration.ofSeconds(5))).as("the handler's thread ended").isTrue();
            Response outcome = outcomes.poll(5, TimeUnit.SECONDS);
            assertThat(outcome).as("the timeout answer travels up the chain").isInstanceOfSatisfying(
                    Response.Success.class, success -> assertThat(success.result().toString()).contains(answer));
        }
    }

    /** A sparse file of 1 GiB: reading it all takes seconds, which a stopped read never does. */
    static Path huge(Path directory) throws Exception {
        Path huge = Files.createDirectories(directory).resolve("huge.txt");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(1L << 30);
        }
        return huge;
    }

    @Test
    void aLargeReadStopsAtTheCallsDeadline() throws Exception {
        Path directory = base.resolve("huge-deadline");
        huge(directory);
        HandlerWatch watch = new HandlerWatch();
        McpServer server = serve(McpServer.builder().requestTimeout(Duration.ofMillis(250)).middleware(watch), directory,
                "keel.filesystem.max-file-bytes", Long.toString(1L << 30));
        try (McpTestClient deadlineClient = McpTestClient.connect(server)) {
            McpTestClient.ToolResult result = deadlineClient.callTool("read_file", Map.of("path", "huge.txt"));
            assertThat(result.isError()).isTrue();
            assertThat(result.text()).isEqualTo("Tool 'read_file' did not finish within 250 ms and was stopped");
            watch.assertTimedOut(watch.handler(), "did not finish within 250 ms");
        } finally {
            server.close();
        }
    }

    @Test
    void aLargeReadStopsWhenTheCallIsCancelled() throws Exception {
        Path directory = base.resolve("huge-cancel");
        huge(directory);
        HandlerWatch watch = new HandlerWatch();
        McpServer server = serve(McpServer.builder().middleware(watch), directory,
                "keel.filesystem.max-file-bytes", Long.toString(1L << 30));
        try (McpTestClient cancelling = McpTestClient.connect(server, ProtocolVersion.V2025_11_25)) {
            McpTestClient.RequestHandle call = cancelling.startTool("read_file", Map.of("path", "huge.txt"));
            Thread handler = watch.handler();
            awaitReading(handler);
            call.cancel("enough");
            watch.assertStopped(handler);
            call.assertNoReplyWithin(Duration.ofMillis(300));
            assertThat(cancelling.callTool("list_directory", Map.of()).text()).as("the connection serves on")
                    .contains("huge.txt");
        } finally {
            server.close();
        }
    }

    /**
     * Waits until {@code handler} is inside the toolset's chunked read. Nothing announces that, so its
     * stack is polled; the read of a gigabyte outlasts the poll by far.
     */
    private static void awaitReading(Thread handler) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Arrays.stream(handler.getStackTrace()).noneMatch(frame -> frame.getMethodName().equals("read")
                && frame.getClassName().equals(FilesystemToolset.class.getName()))) {
            assertThat(System.nanoTime()).as("the handler began reading within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
