package dev.keel.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.keel.client.ClientOptions;
import dev.keel.client.Connection;
import dev.keel.client.McpClient;
import dev.keel.config.Durations;
import dev.keel.spec.AudioContent;
import dev.keel.spec.BlobResourceContents;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ContentBlock;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitRequestParams;
import dev.keel.spec.ElicitRequestURLParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.EmbeddedResource;
import dev.keel.spec.ImageContent;
import dev.keel.spec.Prompt;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceLink;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.TextContent;
import dev.keel.spec.TextResourceContents;
import dev.keel.spec.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code keel discover}, {@code keel tools} and {@code keel call}: a command-line MCP client for any
 * server, of either era, reached at a URL (Streamable HTTP) or started as a command after {@code --}
 * (stdio).
 */
final class ClientCommands {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ClientCommands() {
    }

    /** What every client command shares: the target and how to reach it. */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "ARG", hidden = true)
        List<String> arguments = new ArrayList<>();

        @Option(names = "--header", paramLabel = "NAME=VALUE", description = "An HTTP header to send, e.g."
                + " Authorization=\"Bearer …\"; repeatable.")
        Map<String, String> headers = new LinkedHashMap<>();

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
                description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).")
        String timeout;

        /** The words before {@code --}, and the command after it (empty without one). */
        List<String> words;
        List<String> command;

        @Override
        public final Integer call() {
            List<String> original = spec.commandLine().getParseResult().originalArgs();
            int separator = original.indexOf("--");
            command = separator < 0 ? List.of() : List.copyOf(original.subList(separator + 1, original.size()));
            words = arguments.subList(0, arguments.size() - command.size());
            try {
                return run();
            } catch (CommandLine.ParameterException e) {
                throw e;
            } catch (McpClient.RpcException | IllegalStateException | IllegalArgumentException
                     | java.io.UncheckedIOException e) {
                spec.commandLine().getErr().println("keel: " + e.getMessage());
                return 1;
            }
        }

        abstract Integer run();

        /** Connects to the URL in the first word, or to the command after {@code --}. */
        McpClient connect() {
            Connection connection;
            if (!command.isEmpty()) {
                connection = Connection.process(command);
            } else if (!words.isEmpty() && (words.getFirst().startsWith("http://") || words.getFirst().startsWith("https://"))) {
                connection = Connection.http(URI.create(words.getFirst()), headers);
                words = words.subList(1, words.size());
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "name the server: a URL (http://…/mcp), or -- and the command that starts it over stdio");
            }
            ClientOptions options = ClientOptions.named("keel-cli", ServeCommand.versionOrDevelopment())
                    .withTimeout(Durations.parse(timeout))
                    .withElicitation(ClientCommands::askOnTerminal);
            return McpClient.connect(connection, options);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    /** {@code keel discover}. */
    @Command(name = "discover", mixinStandardHelpOptions = true,
            description = {"Shows what an MCP server offers: its name and protocol, tools, resources, templates and prompts.",
                    "keel discover http://127.0.0.1:8080/mcp", "keel discover -- ./keel serve --stdio --toolset everything"})
    static final class Discover extends Base {
        @Override
        Integer run() {
            try (McpClient client = connect()) {
                PrintWriter out = out();
                out.println("Server     " + (client.serverInfo() == null ? "(unnamed)" : client.serverInfo().name() + " "
                        + client.serverInfo().version()));
                out.println("Protocol   " + client.protocolVersion().id());
                tools(out, client.listTools());
                List<Resource> resources = client.listResources();
                out.println();
                out.println("Resources (" + resources.size() + ")");
                table(out, resources.stream().map(r -> List.of(r.uri(), r.name(), nonNull(r.mimeType()))).toList());
                List<ResourceTemplate> templates = client.listResourceTemplates();
                out.println();
                out.println("Resource templates (" + templates.size() + ")");
                table(out, templates.stream().map(t -> List.of(t.uriTemplate(), t.name(), nonNull(t.description()))).toList());
                List<Prompt> prompts = client.listPrompts();
                out.println();
                out.println("Prompts (" + prompts.size() + ")");
                table(out, prompts.stream().map(p -> List.of(p.name(), arguments(p), nonNull(p.description()))).toList());
                out.flush();
                return 0;
            }
        }

        private static String arguments(Prompt prompt) {
            if (prompt.arguments() == null || prompt.arguments().isEmpty()) {
                return "";
            }
            return String.join(", ", prompt.arguments().stream()
                    .map(a -> Boolean.TRUE.equals(a.required()) ? a.name() : "[" + a.name() + "]").toList());
        }
    }

    /** {@code keel tools}. */
    @Command(name = "tools", mixinStandardHelpOptions = true,
            description = {"Lists an MCP server's tools.", "keel tools http://127.0.0.1:8080/mcp",
                    "keel tools -- ./keel serve --stdio"})
    static final class Tools extends Base {
        @Override
        Integer run() {
            try (McpClient client = connect()) {
                tools(out(), client.listTools());
                out().flush();
                return 0;
            }
        }
    }

    /** {@code keel call}. */
    @Command(name = "call", mixinStandardHelpOptions = true,
            description = {"Calls a tool and prints its result; exit status 1 when the result is an error.",
                    "Arguments are key=value; a value that reads as JSON (42, true, {\"a\":1}) is sent as such, any other"
                            + " as text. --json gives all arguments as one JSON object.",
                    "keel call http://127.0.0.1:8080/mcp read_file path=README.md",
                    "keel call add a=2 b=3 -- ./keel serve --stdio"})
    static final class Call extends Base {
        @Option(names = "--json", paramLabel = "JSON", description = "The arguments as one JSON object.")
        String json;

        @Override
        Integer run() {
            try (McpClient client = connect()) {
                if (words.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "name the tool to call");
                }
                String tool = words.getFirst();
                ObjectNode arguments = arguments(words.subList(1, words.size()));
                Progress progress = new Progress(spec.commandLine().getErr(), interactive());
                CallToolResult result = client.callTool(tool, arguments, progress::update);
                progress.done();
                print(out(), result);
                out().flush();
                return Boolean.TRUE.equals(result.isError()) ? 1 : 0;
            }
        }

        private ObjectNode arguments(List<String> pairs) {
            ObjectNode arguments;
            if (json != null) {
                try {
                    JsonNode parsed = JSON.readTree(json);
                    if (!parsed.isObject()) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "--json must be a JSON object");
                    }
                    arguments = (ObjectNode) parsed;
                } catch (JacksonException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--json is not JSON: " + e.getOriginalMessage());
                }
            } else {
                arguments = JSON.createObjectNode();
            }
            for (String pair : pairs) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "'" + pair + "' is not key=value");
                }
                String value = pair.substring(equals + 1);
                JsonNode parsed;
                try {
                    parsed = JSON.readTree(value);
                } catch (JacksonException e) {
                    parsed = null;
                }
                arguments.set(pair.substring(0, equals), parsed == null || parsed.isMissingNode()
                        ? JSON.getNodeFactory().stringNode(value) : parsed);
            }
            return arguments;
        }
    }

    private static void tools(PrintWriter out, List<Tool> tools) {
        out.println();
        out.println("Tools (" + tools.size() + ")");
        table(out, tools.stream().map(t -> List.of(t.name(), firstLine(t.description()))).toList());
    }

    private static void table(PrintWriter out, List<List<String>> rows) {
        if (rows.isEmpty()) {
            out.println("  (none)");
            return;
        }
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                widths[i] = Math.min(48, Math.max(widths[i], row.get(i).length()));
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                line.append(i < columns - 1 ? String.format("%-" + widths[i] + "s  ", cell) : cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    /** A result as people read it: text as it is, other content described, structured content as JSON. */
    static void print(PrintWriter out, CallToolResult result) {
        boolean text = false;
        for (ContentBlock block : result.content()) {
            switch (block) {
                case TextContent t -> {
                    out.println(t.text());
                    text = true;
                }
                case ImageContent image -> out.println("[image " + image.mimeType() + ", " + decodedSize(image.data()) + " bytes]");
                case AudioContent audio -> out.println("[audio " + audio.mimeType() + ", " + decodedSize(audio.data()) + " bytes]");
                case ResourceLink link -> out.println("[resource " + link.uri() + "]");
                case EmbeddedResource embedded -> {
                    if (embedded.resource() instanceof TextResourceContents contents) {
                        out.println("[resource " + contents.uri() + "]");
                        out.println(contents.text());
                    } else if (embedded.resource() instanceof BlobResourceContents blob) {
                        out.println("[resource " + blob.uri() + ", " + decodedSize(blob.blob()) + " bytes]");
                    }
                }
                default -> out.println("[" + block.getClass().getSimpleName() + "]");
            }
        }
        if (!text && result.structuredContent() != null) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.structuredContent()));
        }
    }

    private static long decodedSize(String base64) {
        return base64 == null ? 0 : base64.length() * 3L / 4;
    }

    /** A progress bar on stderr while a call runs in a terminal; nothing otherwise. */
    static final class Progress {
        private final PrintWriter err;
        private final boolean terminal;
        private boolean shown;

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        synchronized void update(JsonNode params) {
            if (!terminal) {
                return;
            }
            double progress = params.path("progress").asDouble();
            JsonNode total = params.get("total");
            String message = params.path("message").asString("");
            String bar;
            if (total != null && total.asDouble() > 0) {
                double fraction = Math.max(0, Math.min(1, progress / total.asDouble()));
                int filled = (int) Math.round(fraction * 30);
                bar = "[" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + Math.round(fraction * 100) + "%";
            } else {
                bar = "[" + (long) progress + "]";
            }
            err.print("\r" + bar + " " + (message.length() > 40 ? message.substring(0, 40) : message) + "\u001b[K");
            err.flush();
            shown = true;
        }

        synchronized void done() {
            if (shown) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }

    /**
     * Whether a person is at a terminal. From JDK 22 on, {@link System#console()} returns a console
     * even when input and output are redirected, and only {@code Console.isTerminal()} (which the
     * release this is compiled for lacks) tells; on JDK 21 a console is a terminal.
     */
    static boolean interactive() {
        return interactive(System.console());
    }

    private static boolean interactive(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Elicitation on the terminal: the message, then one prompt per field; declined without a terminal.
     * One question at a time, even when the server asks several at once.
     */
    static synchronized ElicitResult askOnTerminal(ElicitRequestParams request) {
        Console console = System.console();
        if (!interactive(console)) {
            return ElicitResult.decline();
        }
        // a buffer of one character reads no further than the line asked for
        return ask(request, new BufferedReader(console.reader(), 1), console.writer());
    }

    /**
     * Asks {@code request} on {@code out} and reads the answers from {@code in}, one line per field
     * (an empty line leaves the field out; a number is asked again until it reads as one); the end of
     * the input cancels.
     */
    static ElicitResult ask(ElicitRequestParams request, BufferedReader in, PrintWriter out) {
        try {
            if (request instanceof ElicitRequestURLParams url) {
                out.printf("%s%nOpen %s, then press Enter (or type 'no' to decline): ", url.message(), url.url());
                out.flush();
                String line = in.readLine();
                return line == null || line.trim().equalsIgnoreCase("no") ? ElicitResult.decline()
                        : ElicitResult.accept(Map.of());
            }
            ElicitRequestFormParams form = (ElicitRequestFormParams) request;
            out.printf("%s%n", form.message());
            Map<String, Object> content = new LinkedHashMap<>();
            JsonNode properties = JSON.valueToTree(form.requestedSchema()).path("properties");
            for (Map.Entry<String, JsonNode> field : properties.properties()) {
                JsonNode schema = field.getValue();
                String hint = schema.path("description").asString(schema.path("title").asString(""));
                String prompt = "  " + field.getKey() + (hint.isEmpty() ? "" : " (" + hint + ")") + ": ";
                String type = schema.path("type").asString("string");
                while (true) {
                    out.print(prompt);
                    out.flush();
                    String line = in.readLine();
                    if (line == null) {
                        return ElicitResult.cancel();
                    }
                    if (line.isEmpty()) {
                        break;
                    }
                    Object value = value(type, line);
                    if (value != null) {
                        content.put(field.getKey(), value);
                        break;
                    }
                    out.printf("  '%s' is not %s%n", line.trim(), type.equals("integer") ? "a whole number" : "a number");
                }
            }
            return ElicitResult.accept(content);
        } catch (IOException e) {
            return ElicitResult.cancel();
        }
    }

    /** {@code line} as a value of the JSON type {@code type}; {@code null} if it should be a number and is not. */
    private static Object value(String type, String line) {
        try {
            return switch (type) {
                case "integer" -> Long.parseLong(line.trim());
                case "number" -> Double.parseDouble(line.trim());
                case "boolean" -> Boolean.parseBoolean(line.trim()) || line.trim().equalsIgnoreCase("y")
                        || line.trim().equalsIgnoreCase("yes");
                case "array" -> List.of(line.split("\\s*,\\s*"));
                default -> line;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
