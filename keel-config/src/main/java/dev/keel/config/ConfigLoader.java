package dev.keel.config;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a {@link KeelConfig}: the defaults, then the YAML file's {@code keel:} section, then
 * environment variables ({@code KEEL_HTTP_PORT} for {@code keel.http.port}: upper case, dots and
 * dashes as underscores), then system properties ({@code keel.http.port}), each overriding the one
 * before. Lists come from the environment and system properties comma-separated. Every problem is
 * collected and reported at once, each naming its key, the bad value, where it came from and what is
 * accepted. Relative paths ({@code keel.filesystem.roots}, {@code keel.plugins.dir}) are resolved
 * against the file's directory (the working directory without a file).
 */
public final class ConfigLoader {

    /** Built on first use: most starts read no file, and the mapper costs start-up time. */
    private static final class Yaml {
        static final YAMLMapper MAPPER = YAMLMapper.builder().build();
    }

    private final Map<String, String> env;
    private final Map<String, String> properties;
    private final List<String> problems = new ArrayList<>();
    private String fileName = "the file";

    private ConfigLoader(Map<String, String> env, Map<String, String> properties) {
        this.env = env;
        this.properties = properties;
    }

    /** Reads {@code file} (or only defaults and overrides when null) with this process's environment and system properties. */
    public static KeelConfig load(Path file) throws ConfigException {
        Map<String, String> properties = new LinkedHashMap<>();
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith("keel.")) {
                properties.put(name, system.getProperty(name));
            }
        }
        return load(file, System.getenv(), properties);
    }

    /** Reads {@code file} (or nothing when null) with the given environment and system properties. */
    public static KeelConfig load(Path file, Map<String, String> env, Map<String, String> properties)
            throws ConfigException {
        return new ConfigLoader(env, properties).read(file);
    }

    /** The environment variable that overrides {@code key} ({@code keel.http.port} → {@code KEEL_HTTP_PORT}). */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The key of a record component: its name in kebab case. */
    static String keyOf(String componentName) {
        StringBuilder key = new StringBuilder();
        for (char c : componentName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                key.append('-').append(Character.toLowerCase(c));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    private KeelConfig read(Path file) throws ConfigException {
        JsonNode section = null;
        Path base = Path.of("").toAbsolutePath();
        if (file != null) {
            fileName = file.toString();
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(List.of(file + ": no such file"));
            }
            base = file.toAbsolutePath().getParent();
            JsonNode root;
            try {
                root = Yaml.MAPPER.readTree(Files.readString(file));
            } catch (JacksonException e) {
                throw new ConfigException(List.of(file + ": not valid YAML: " + e.getOriginalMessage()));
            } catch (IOException e) {
                throw new ConfigException(List.of(file + ": cannot be read: " + e.getMessage()));
            }
            if (root != null && !root.isNull() && !root.isMissingNode()) {
                if (!root.isObject()) {
                    throw new ConfigException(List.of(file + ": the file must hold one section, keel:"));
                }
                for (String name : root.propertyNames()) {
                    if (!name.equals("keel")) {
                        problems.add(name + ": unknown key; the file holds one section, keel:");
                    }
                }
                section = root.get("keel");
            }
        }
        // a value that could not be read falls back to its default, so the checks below see only good values
        KeelConfig config = resolvePaths(build(KeelConfig.class, "keel", section, KeelConfig.defaults()), base);
        problems.addAll(config.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private <R extends Record> R build(Class<R> type, String prefix, JsonNode node, R defaults) {
        RecordComponent[] components = type.getRecordComponents();
        if (node != null && !node.isNull() && !node.isObject()) {
            problems.add(prefix + ": expected a section of keys, found " + describe(node) + " (in " + fileName + ")");
            node = null;
        }
        if (node != null && node.isObject()) {
            List<String> known = Arrays.stream(components).map(c -> keyOf(c.getName())).toList();
            for (String name : node.propertyNames()) {
                if (!known.contains(name)) {
                    problems.add(prefix + "." + name + ": unknown key (in " + fileName + ")" + suggestion(name, known));
                }
            }
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String key = prefix + "." + keyOf(component.getName());
            types[i] = component.getType();
            Object fallback = value(component, defaults);
            JsonNode child = node == null || node.isNull() ? null : node.get(keyOf(component.getName()));
            if (Record.class.isAssignableFrom(component.getType())) {
                values[i] = buildNested(component.getType(), key, child, fallback);
            } else {
                values[i] = leaf(component, key, child, fallback);
            }
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private <R extends Record> Object buildNested(Class<?> type, String key, JsonNode node, Object defaults) {
        return build((Class<R>) type, key, node, (R) defaults);
    }

    private static Object value(RecordComponent component, Object owner) {
        try {
            return component.getAccessor().invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A leaf's value: a system property, else an environment variable, else the file, else the default. */
    private Object leaf(RecordComponent component, String key, JsonNode fromFile, Object fallback) {
        String property = properties.get(key);
        String variable = env.get(environmentName(key));
        try {
            if (property != null) {
                return fromText(component, property);
            }
            if (variable != null) {
                return fromText(component, variable);
            }
        } catch (IllegalArgumentException e) {
            String source = property != null ? "-D" + key : environmentName(key);
            problems.add(key + ": " + e.getMessage() + " (from " + source + ")");
            return fallback;
        }
        if (fromFile == null || fromFile.isNull()) {
            return fallback;
        }
        try {
            return fromNode(component, fromFile);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage() + " (in " + fileName + ")");
            return fallback;
        }
    }

    private static Object fromText(RecordComponent component, String text) {
        Class<?> type = component.getType();
        if (type == List.class) {
            List<String> items = new ArrayList<>();
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
            return List.copyOf(items);
        }
        return scalar(type, text.trim(), "'" + text + "'");
    }

    private static Object fromNode(RecordComponent component, JsonNode node) {
        Class<?> type = component.getType();
        if (type == List.class) {
            requireStringList(component);
            if (!node.isArray()) {
                throw new IllegalArgumentException("expected a list, found " + describe(node));
            }
            List<String> items = new ArrayList<>();
            for (Iterator<JsonNode> it = node.iterator(); it.hasNext(); ) {
                JsonNode item = it.next();
                if (!item.isValueNode() || item.isNull()) {
                    throw new IllegalArgumentException("expected a list of text, found " + describe(item) + " in it");
                }
                items.add(item.asString());
            }
            return List.copyOf(items);
        }
        if (!node.isValueNode()) {
            throw new IllegalArgumentException("expected a single value, found " + describe(node));
        }
        if ((type == int.class || type == long.class) && node.isNumber() && !node.isIntegralNumber()) {
            throw new IllegalArgumentException(node + " is not a whole number");
        }
        if (type == Duration.class && node.isNumber()) {
            throw new IllegalArgumentException(node + " has no unit; write e.g. " + node + "s or " + node + "ms");
        }
        if (type == boolean.class && !node.isBoolean()) {
            throw new IllegalArgumentException(describe(node) + " is not true or false");
        }
        return scalar(type, node.asString(), node.isString() ? "'" + node.asString() + "'" : node.toString());
    }

    private static Object scalar(Class<?> type, String text, String shown) {
        if (type == String.class) {
            return text;
        }
        if (type == int.class || type == long.class) {
            try {
                long value = Long.parseLong(text);
                if (type == int.class && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                    throw new IllegalArgumentException(shown + " is too large");
                }
                return type == int.class ? (Object) (int) value : (Object) value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(shown + " is not a whole number");
            }
        }
        if (type == boolean.class) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(shown + " is not true or false");
        }
        if (type == Duration.class) {
            return Durations.parse(text);
        }
        throw new IllegalStateException("no conversion to " + type);
    }

    private static void requireStringList(RecordComponent component) {
        if (!(component.getGenericType() instanceof ParameterizedType p) || p.getActualTypeArguments()[0] != String.class) {
            throw new IllegalStateException(component + " must be a List<String>");
        }
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a section";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isString() ? "'" + node.asString() + "'" : node.toString();
    }

    /** " (did you mean x?)" for a key one or two edits away from a known one. */
    private static String suggestion(String name, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "; known keys: " + String.join(", ", known) : "; did you mean " + best + "?";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * The configuration with relative directories resolved against {@code base}; a value that is no path
     * on this system (a NUL in it) is a problem of its key, left as it was.
     */
    private KeelConfig resolvePaths(KeelConfig config, Path base) {
        KeelConfig.Filesystem fs = config.filesystem();
        List<String> roots = fs.roots().stream().map(root -> resolve(base, "keel.filesystem.roots", root)).toList();
        return new KeelConfig(config.server(), config.transport(), config.toolsets(),
                new KeelConfig.Plugins(resolve(base, "keel.plugins.dir", config.plugins().dir())),
                config.http(), config.management(), config.health(), config.limits(), config.state(),
                config.shutdown(), config.log(),
                new KeelConfig.Filesystem(roots, fs.writable(), fs.maxFileBytes(), fs.allowedExtensions(),
                        fs.deniedNames(), fs.maxSearchResults()));
    }

    private String resolve(Path base, String key, String path) {
        try {
            return base.resolve(path).normalize().toString();
        } catch (InvalidPathException e) {
            problems.add(key + ": '" + path + "' is not a path: " + e.getReason());
            return path;
        }
    }
}
