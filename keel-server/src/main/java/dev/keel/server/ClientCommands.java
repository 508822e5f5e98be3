package dev.keel.server;

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
                    .withElicitation(Terminal::askOnTerminal);
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
                Terminal.Progress progress = new Terminal.Progress(spec.commandLine().getErr(), Terminal.interactive());
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
}
