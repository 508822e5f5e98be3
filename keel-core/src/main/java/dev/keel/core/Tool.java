package dev.keel.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.keel.spec.Icon;
import dev.keel.spec.ToolAnnotations;
import tools.jackson.databind.JsonNode;

/**
 * A tool to register: its wire description (name, schemas, annotations) and how its arguments are
 * bound for the handler.
 *
 * <pre>{@code
 * Tool<JsonNode> echo = Tool.builder("echo")
 *         .description("Echoes a message")
 *         .inputSchema("""
 *             {"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <A> the type the handler receives its arguments as
 */
public final class Tool<A> {

    /** The names the spec recommends: 1 to 128 of {@code A-Z a-z 0-9 _ - .}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

    private final dev.keel.spec.Tool descriptor;
    private final Function<JsonNode, A> binder;

    private Tool(dev.keel.spec.Tool descriptor, Function<JsonNode, A> binder) {
        this.descriptor = descriptor;
        this.binder = binder;
    }

    /** Starts a tool named {@code name} whose handler receives its arguments as a JSON object. */
    public static Builder<JsonNode> builder(String name) {
        return new Builder<>(name, Function.identity());
    }

    /** The tool's name. */
    public String name() {
        return descriptor.name();
    }

    /** The tool as {@code tools/list} describes it. */
    public dev.keel.spec.Tool descriptor() {
        return descriptor;
    }

    A bind(JsonNode arguments) {
        return binder.apply(arguments);
    }

    @Override
    public String toString() {
        return "Tool[" + name() + "]";
    }

    /**
     * Builds a {@link Tool}; not thread-safe.
     *
     * @param <A> the type the handler receives its arguments as
     */
    public static final class Builder<A> {
        private final String name;
        private final Function<JsonNode, A> binder;
        private String title;
        private String description;
        private JsonNode inputSchema;
        private JsonNode outputSchema;
        private ToolAnnotations annotations;
        private List<Icon> icons;
        private Map<String, Object> meta;

        private Builder(String name, Function<JsonNode, A> binder) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("tool name '" + name
                        + "' must be 1 to 128 characters of A-Z, a-z, 0-9, '_', '-' and '.'");
            }
            this.name = name;
            this.binder = binder;
        }

        /** A display name. */
        public Builder<A> title(String title) {
            this.title = title;
            return this;
        }

        /** What the tool does, for the model. */
        public Builder<A> description(String description) {
            this.description = description;
            return this;
        }

        /** The JSON Schema of the arguments: an object schema. Without one, the tool takes no arguments. */
        public Builder<A> inputSchema(JsonNode schema) {
            this.inputSchema = requireObjectSchema(schema, "inputSchema");
            return this;
        }

        /** The JSON Schema of the arguments, as JSON text. */
        public Builder<A> inputSchema(String schema) {
            return inputSchema(Json.parse(schema, "inputSchema of tool " + name));
        }

        /** The JSON Schema of the tool's structured content. */
        public Builder<A> outputSchema(JsonNode schema) {
            this.outputSchema = Objects.requireNonNull(schema, "outputSchema");
            return this;
        }

        /** The JSON Schema of the tool's structured content, as JSON text. */
        public Builder<A> outputSchema(String schema) {
            return outputSchema(Json.parse(schema, "outputSchema of tool " + name));
        }

        /** Hints about the tool's behaviour. */
        public Builder<A> annotations(ToolAnnotations annotations) {
            this.annotations = annotations;
            return this;
        }

        /** Icons. */
        public Builder<A> icons(List<Icon> icons) {
            this.icons = List.copyOf(icons);
            return this;
        }

        /** {@code _meta} of the tool description. */
        public Builder<A> meta(Map<String, Object> meta) {
            this.meta = Map.copyOf(meta);
            return this;
        }

        private JsonNode requireObjectSchema(JsonNode schema, String what) {
            Objects.requireNonNull(schema, what);
            if (!schema.isObject() || !"object".equals(schema.path("type").asString(null))) {
                throw new IllegalArgumentException("the " + what + " of tool " + name
                        + " must be a JSON Schema object with \"type\": \"object\" at its root");
            }
            return schema;
        }

        /** The tool. */
        public Tool<A> build() {
            JsonNode input = inputSchema != null ? inputSchema : Json.NO_ARGUMENTS_SCHEMA;
            return new Tool<>(new dev.keel.spec.Tool(name, title, description, input, outputSchema, annotations,
                    icons, meta), binder);
        }
    }
}
