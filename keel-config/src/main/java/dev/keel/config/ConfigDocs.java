package dev.keel.config;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;

/**
 * {@code docs/configuration.md}, generated from {@link KeelConfig}: every key, its environment
 * variable, its default and its meaning. A test keeps the file equal to this output.
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    /** The whole document. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration\n\n")
                .append("<!-- Generated from dev.keel.config.KeelConfig by `./keel config docs`; do not edit. -->\n\n")
                .append("Keel reads `keel.yaml` in the working directory, or the file given with `--config FILE`.\n")
                .append("Every key can be overridden by an environment variable (upper case, dots and dashes as\n")
                .append("underscores: `KEEL_HTTP_PORT` for `keel.http.port`) and by a system property of the key's\n")
                .append("own name (`-Dkeel.http.port=9090`); system properties win over the environment, which wins\n")
                .append("over the file. Lists are comma-separated there. Durations are written `500ms`, `10s`, `5m`,\n")
                .append("`2h` or ISO-8601 (`PT10S`). Relative paths are resolved against the file's directory.\n")
                .append("`./keel config check FILE` validates a file without starting anything; every problem is\n")
                .append("reported with its key, the value and what is accepted.\n\n")
                .append("See [`examples/keel.yaml`](../examples/keel.yaml) for a file that starts as is.\n");
        section(out, KeelConfig.class, "keel", "The server", KeelConfig.defaults());
        return out.toString();
    }

    private static void section(StringBuilder out, Class<?> type, String prefix, String title, Object defaults) {
        out.append("\n## `").append(prefix).append("`: ").append(title).append("\n\n");
        out.append("| Key | Environment variable | Default | Meaning |\n|---|---|---|---|\n");
        for (RecordComponent component : type.getRecordComponents()) {
            if (Record.class.isAssignableFrom(component.getType())) {
                continue;
            }
            String key = prefix + "." + ConfigLoader.keyOf(component.getName());
            out.append("| `").append(key).append("` | `").append(ConfigLoader.environmentName(key)).append("` | ")
                    .append(render(value(component, defaults))).append(" | ").append(doc(component)).append(" |\n");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (Record.class.isAssignableFrom(component.getType())) {
                section(out, component.getType(), prefix + "." + ConfigLoader.keyOf(component.getName()),
                        doc(component), value(component, defaults));
            }
        }
    }

    private static String doc(RecordComponent component) {
        Doc doc = component.getAnnotation(Doc.class);
        if (doc == null) {
            throw new IllegalStateException(component + " has no @Doc");
        }
        return doc.value();
    }

    private static Object value(RecordComponent component, Object owner) {
        try {
            return component.getAccessor().invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String render(Object value) {
        if (value instanceof Duration d) {
            return "`" + Durations.format(d) + "`";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "(none)" : "`" + String.join(", ", list.stream().map(String::valueOf).toList()) + "`";
        }
        if (value instanceof String s && s.isEmpty()) {
            return "(empty)";
        }
        return "`" + value + "`";
    }
}
