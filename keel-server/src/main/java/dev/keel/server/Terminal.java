package dev.keel.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitRequestParams;
import dev.keel.spec.ElicitRequestURLParams;
import dev.keel.spec.ElicitResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the client commands do at a terminal: a progress bar on stderr while a call runs, and the
 * questions a server asks (elicitation) put to the user and their answers read back.
 */
final class Terminal {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Terminal() {
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
