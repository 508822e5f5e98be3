package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keel.config.ConfigLoader;
import dev.keel.core.McpServer;
import dev.keel.spec.Prompt;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.Tool;
import dev.keel.testkit.McpTestClient;
import dev.keel.transport.http.HttpTransport;

/** keel discover, tools and call against real servers: a stdio child process and an HTTP server. */
class ClientCommandsTest {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> serveEverythingOverStdio() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                KeelMain.class.getName(), "serve", "--stdio", "--toolset", "everything", "--log-level", "warn");
    }

    @Test
    void discoverListsEveryToolResourceAndPromptOfAStdioServer() {
        List<String> args = new ArrayList<>(List.of("discover", "--"));
        args.addAll(serveEverythingOverStdio());
        assertThat(KeelMain.run(args.toArray(String[]::new))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        McpServer.Builder builder = McpServer.builder();
        new EverythingToolset().register(builder);
        try (McpServer reference = builder.build(); McpTestClient client = McpTestClient.connect(reference)) {
            String listing = stdout();
            assertThat(listing).contains("Server     keel-everything").contains("Protocol   2026-07-28");
            for (Tool tool : client.listTools().tools()) {
                assertThat(listing).contains("  " + tool.name() + " ");
            }
            List<String> uris = new ArrayList<>();
            String cursor = null;
            do {
                var page = client.request("resources/list", cursor == null ? Map.of() : Map.of("cursor", cursor)).result();
                page.get("resources").forEach(r -> uris.add(r.get("uri").asString()));
                cursor = page.path("nextCursor").asString(null);
            } while (cursor != null);
            assertThat(uris).hasSize(55);
            uris.forEach(uri -> assertThat(listing).contains("  " + uri + " "));
            for (ResourceTemplate template : client.listResourceTemplates().resourceTemplates()) {
                assertThat(listing).contains(template.uriTemplate());
            }
            for (Prompt prompt : client.listPrompts().prompts()) {
                assertThat(listing).contains("  " + prompt.name());
            }
            assertThat(listing).contains("Resources (55)");
        }
    }

    @Test
    void callPrintsTheResultAndExitsOneOnAnErrorResult(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("README.md"), "# Hello\nfrom the folder");
        FilesystemToolset files = new FilesystemToolset();
        files.configure(ConfigLoader.load(null, Map.of(), Map.of("keel.filesystem.roots", dir.toString())));
        McpServer.Builder builder = McpServer.builder().name("files").version("1");
        files.register(builder);
        new DemoToolset().register(builder);
        McpServer server = builder.build();
        HttpTransport http = HttpTransport.builder().port(0).build();
        http.start(server);
        try {
            String url = http.url().toString();
            assertThat(KeelMain.run("call", url, "read_file", "path=README.md")).isZero();
            assertThat(stdout()).isEqualTo("# Hello\nfrom the folder\n");
            out.reset();
            assertThat(KeelMain.run("call", url, "add", "a=2", "b=3")).isZero();
            assertThat(stdout()).contains("{\"sum\":5}");
            out.reset();
            assertThat(KeelMain.run("call", url, "add", "--json", "{\"a\":1.5,\"b\":1}")).isZero();
            assertThat(stdout()).contains("2.5");
            assertThat(KeelMain.run("call", url, "read_file", "path=../etc/passwd")).isEqualTo(1);
            assertThat(stdout()).contains("leaves the served directory");
            out.reset();
            assertThat(KeelMain.run("tools", url)).isZero();
            assertThat(stdout()).contains("read_file", "list_directory", "search_files", "stat", "echo");
            assertThat(KeelMain.run("call", url, "no_such_tool")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown tool: no_such_tool");
        } finally {
            http.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void callOverStdio() {
        List<String> args = new ArrayList<>(List.of("call", "echo", "message=over stdio", "--"));
        args.addAll(serveEverythingOverStdio());
        assertThat(KeelMain.run(args.toArray(String[]::new))).isZero();
        assertThat(stdout()).isEqualTo("over stdio\n");
    }

    @Test
    void aMissingTargetIsExplained() {
        assertThat(KeelMain.run("discover")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("name the server");
    }
}
