package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keel.config.ConfigLoader;
import dev.keel.core.McpServer;
import dev.keel.spec.BooleanSchema;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitRequestFormParams.RequestedSchema;
import dev.keel.spec.ElicitRequestParams;
import dev.keel.spec.ElicitRequestURLParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.NumberSchema;
import dev.keel.spec.PrimitiveSchemaDefinition;
import dev.keel.spec.Prompt;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.StringSchema;
import dev.keel.spec.Tool;
import dev.keel.testkit.McpTestClient;
import dev.keel.transport.http.HttpTransport;
import tools.jackson.databind.json.JsonMapper;

/**
 * keel discover, tools and call against real servers (a stdio child process and an HTTP server), and
 * what they show on a terminal: the progress bar and elicitation forms.
 */
class ClientCommandsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void theProgressBarRedrawsOneLineOnATerminalAndClearsItAtTheEnd() {
        StringWriter terminal = new StringWriter();
        Terminal.Progress progress = new Terminal.Progress(new PrintWriter(terminal), true);

        progress.update(JSON.createObjectNode().put("progress", 1).put("total", 4).put("message", "step 1"));
        assertThat(terminal).hasToString("\r[" + "#".repeat(8) + " ".repeat(22) + "] 25% step 1\u001b[K");

        terminal.getBuffer().setLength(0);
        progress.update(JSON.createObjectNode().put("progress", 9).put("total", 4).put("message", "x".repeat(60)));
        assertThat(terminal).as("past the total: full, and a long message cut at 40 characters")
                .hasToString("\r[" + "#".repeat(30) + "] 100% " + "x".repeat(40) + "\u001b[K");

        terminal.getBuffer().setLength(0);
        progress.update(JSON.createObjectNode().put("progress", 17));
        assertThat(terminal).as("without a total, a count").hasToString("\r[17] \u001b[K");

        terminal.getBuffer().setLength(0);
        progress.done();
        assertThat(terminal).hasToString("\r\u001b[K");
    }

    @Test
    void withoutATerminalThereIsNoProgressBar() {
        StringWriter redirected = new StringWriter();
        Terminal.Progress progress = new Terminal.Progress(new PrintWriter(redirected), false);
        progress.update(JSON.createObjectNode().put("progress", 1).put("total", 2));
        progress.done();
        assertThat(redirected).hasToString("");

        Terminal.Progress silent = new Terminal.Progress(new PrintWriter(redirected), true);
        silent.done();
        assertThat(redirected).as("nothing to clear when nothing was shown").hasToString("");
    }

    private static ElicitResult answer(ElicitRequestParams request, String typed, StringWriter screen) {
        return Terminal.ask(request, new BufferedReader(new StringReader(typed)), new PrintWriter(screen));
    }

    private static final ElicitRequestFormParams PROFILE = profile();

    private static ElicitRequestFormParams profile() {
        Map<String, PrimitiveSchemaDefinition> fields = new LinkedHashMap<>();
        fields.put("name", StringSchema.of("Name", "Your name"));
        fields.put("age", NumberSchema.integer("Age", null));
        fields.put("height", NumberSchema.number(null, null));
        fields.put("subscribe", BooleanSchema.of("Subscribe", "Get the newsletter?"));
        fields.put("nickname", StringSchema.of(null, null));
        return ElicitRequestFormParams.of("Tell us about you", RequestedSchema.of(fields, "name"));
    }

    @Test
    void aFormIsAskedFieldByFieldOnTheTerminal() {
        StringWriter screen = new StringWriter();
        ElicitResult result = answer(PROFILE, "Ada Lovelace\nthirty-six\n36\n1.65\nyes\n\n", screen);

        assertThat(result.action()).isEqualTo(ElicitResult.Action.ACCEPT);
        assertThat(result.content()).containsExactly(Map.entry("name", "Ada Lovelace"), Map.entry("age", 36L),
                Map.entry("height", 1.65), Map.entry("subscribe", true));
        assertThat(screen).as("an empty line leaves a field out; a bad number is asked again").hasToString("""
                Tell us about you
                  name (Your name):   age (Age):   'thirty-six' is not a whole number
                  age (Age):   height:   subscribe (Get the newsletter?):   nickname:\s""".replace("\n", System.lineSeparator()));
    }

    @Test
    void theEndOfTheInputCancelsAForm() {
        assertThat(answer(PROFILE, "Ada\n", new StringWriter()).action()).isEqualTo(ElicitResult.Action.CANCEL);
    }

    @Test
    void aUrlIsShownAndAcceptedWithEnterOrDeclinedWithNo() {
        ElicitRequestURLParams url = new ElicitRequestURLParams("Sign in to continue", "https://auth.example.com/login",
                null, null);
        StringWriter screen = new StringWriter();
        assertThat(answer(url, "\n", screen).action()).isEqualTo(ElicitResult.Action.ACCEPT);
        assertThat(screen.toString()).contains("Sign in to continue").contains("Open https://auth.example.com/login");
        assertThat(answer(url, "no\n", new StringWriter()).action()).isEqualTo(ElicitResult.Action.DECLINE);
        assertThat(answer(url, "", new StringWriter()).action()).isEqualTo(ElicitResult.Action.DECLINE);
    }

    @Test
    void aMissingTargetIsExplained() {
        assertThat(KeelMain.run("discover")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("name the server");
    }
}
