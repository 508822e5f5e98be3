package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.keel.config.ConfigLoader;
import dev.keel.config.KeelConfig;
import dev.keel.core.McpServer;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;

/**
 * The filesystem toolset refuses every way out of its root (traversal, absolute paths, encoded and
 * Windows separators, links that leave, links into denied names, loops, prefix siblings) and serves
 * what lies inside.
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

        KeelConfig config = ConfigLoader.load(null, Map.of(), Map.of("keel.toolsets", "filesystem",
                "keel.filesystem.roots", root.toString(), "keel.filesystem.allowed-extensions", "md,txt",
                "keel.filesystem.max-file-bytes", "1000", "keel.filesystem.writable", "true"));
        FilesystemToolset toolset = new FilesystemToolset();
        toolset.configure(config);
        McpServer.Builder builder = McpServer.builder().name("fs").version("1");
        toolset.register(builder);
        server = builder.build();
        client = McpTestClient.connect(server, ProtocolVersion.V2026_07_28);
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
                Arguments.of("/etc/passwd", "absolute"),
                Arguments.of("/" + "tmp/../etc/passwd", "absolute"),
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
}
