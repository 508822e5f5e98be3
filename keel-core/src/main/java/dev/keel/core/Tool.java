package dev.keel.core;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.keel.core.spi.SchemaSupport;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.Icon;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.TextContent;
import dev.keel.spec.ToolAnnotations;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool to register: its wire description (name, schemas, annotations) and what its handler takes
 * and returns.
 *
 * <pre>{@code
 * record Forecast(String city, Optional<Integer> days) {}
 * record Weather(String summary, double celsius) {}
 *
 * server.tool(Tool.builder("forecast").input(Forecast.class).output(Weather.class).build(),
 *             call -> weather.forecast(call.arguments().city()));
 * }</pre>
 *
 * <p>With {@link Builder#input(Class)} the input schema is generated from the record, and the
 * arguments are validated against it and bound to the record before the handler runs; with
 * {@link Builder#output(Class)} the handler returns the record, which becomes
 * {@code structuredContent} (validated against the generated output schema) plus the same JSON as
 * text. Without them the handler receives the arguments as a {@link JsonNode} and returns a
 * {@link CallToolResult}; hand-written schemas are validated the same way. Generating and validating
 * schemas takes {@code keel-schema} on the class path.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <A> what the handler receives as arguments
 * @param <R> what the handler returns
 */
public final class Tool<A, R> {

    /** The names the spec recommends: 1 to 128 of {@code A-Z a-z 0-9 _ - .}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

    private final dev.keel.spec.Tool descriptor;
    private final Binder<A> binder;
    private final Class<R> outputType;
    private final Map<String, ArgumentRule> rules;
    private final Duration timeout;
    private final boolean nonBlocking;

    private Tool(dev.keel.spec.Tool descriptor, Binder<A> binder, Class<R> outputType,
            Map<String, ArgumentRule> rules, Duration timeout, boolean nonBlocking) {
        this.descriptor = descriptor;
        this.binder = binder;
        this.outputType = outputType;
        this.rules = rules;
        this.timeout = timeout;
        this.nonBlocking = nonBlocking;
    }

    /**
     * Starts a tool named {@code name} whose handler receives its arguments as a JSON object and
     * returns a {@link CallToolResult}.
     */
    public static Builder<JsonNode, CallToolResult> builder(String name) {
        return new Builder<>(name, Binder.AS_SENT, CallToolResult.class);
    }

    /** The tool's name. */
    public String name() {
        return descriptor.name();
    }

    /** The tool as {@code tools/list} describes it. */
    public dev.keel.spec.Tool descriptor() {
        return descriptor;
    }

    /** The rules per argument name, in the order they were added. */
    public Map<String, ArgumentRule> rules() {
        return rules;
    }

    /** How long a call may run before it is stopped, or {@code null} for the server's default. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the handler never blocks, so that a call may run on the transport's own thread. */
    public boolean nonBlocking() {
        return nonBlocking;
    }

    A bind(JsonNode arguments, JsonMapper mapper) {
        return binder.bind(arguments, mapper);
    }

    CallToolResult result(R value, JsonMapper mapper) {
        if (value instanceof CallToolResult result) {
            return result;
        }
        JsonNode structured = mapper.valueToTree(value);
        return new CallToolResult(List.of(TextContent.of(structured.toString())), structured, null, null);
    }

    boolean typedOutput() {
        return outputType != CallToolResult.class;
    }

    @Override
    public String toString() {
        return "Tool[" + name() + "]";
    }

    /**
     * Turns a call's arguments, already validated against the tool's input schema, into what the handler
     * receives. A binder that throws {@link JacksonException} reports arguments that do
     * not fit: the client is told, in the way its revision expects, as for arguments that break the schema.
     *
     * @param <A> what the handler receives
     */
    @FunctionalInterface
    public interface Binder<A> {

        /** The arguments as sent: the JSON object itself. */
        Binder<JsonNode> AS_SENT = (arguments, mapper) -> arguments;

        /**
         * Binds {@code arguments} (a JSON object) with {@code mapper}, the server's.
         *
         * @throws JacksonException if the arguments do not fit
         */
        A bind(JsonNode arguments, JsonMapper mapper);
    }

    /**
     * Builds a {@link Tool}; not thread-safe.
     *
     * @param <A> what the handler receives as arguments
     * @param <R> what the handler returns
     */
    public static final class Builder<A, R> {
        private final String name;
        private final Binder<A> binder;
        private final Class<R> outputType;
        private String title;
        private String description;
        private JsonNode inputSchema;
        private JsonNode outputSchema;
        private ToolAnnotations annotations;
        private List<Icon> icons;
        private Map<String, Object> meta;
        private final Map<String, ArgumentRule> rules = new LinkedHashMap<>();
        private Duration timeout;
        private boolean nonBlocking;

        private Builder(String name, Binder<A> binder, Class<R> outputType) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("tool name '" + name
                        + "' must be 1 to 128 characters of A-Z, a-z, 0-9, '_', '-' and '.'");
            }
            this.name = name;
            this.binder = binder;
            this.outputType = outputType;
        }

        private <A2, R2> Builder<A2, R2> copy(Binder<A2> input, Class<R2> output) {
            Builder<A2, R2> b = new Builder<>(name, input, output);
            b.title = title;
            b.description = description;
            b.inputSchema = inputSchema;
            b.outputSchema = outputSchema;
            b.annotations = annotations;
            b.icons = icons;
            b.meta = meta;
            b.rules.putAll(rules);
            b.timeout = timeout;
            b.nonBlocking = nonBlocking;
            return b;
        }

        /**
         * Binds the arguments to {@code type}, a record (or any class Jackson binds), and generates the
         * input schema from it.
         */
        public <T> Builder<T, R> input(Class<T> type) {
            Objects.requireNonNull(type, "type");
            Builder<T, R> b = copy((arguments, mapper) -> mapper.treeToValue(arguments, type), outputType);
            b.inputSchema = requireObjectSchema(schemas(type).generate(type), "generated inputSchema");
            return b;
        }

        /**
         * Takes the arguments as {@code schema} describes them (an object schema) and binds them with
         * {@code binder}: for handlers whose input is no single class, such as the parameters of a method.
         */
        public <T> Builder<T, R> input(JsonNode schema, Binder<T> binder) {
            Objects.requireNonNull(binder, "binder");
            Builder<T, R> b = copy(binder, outputType);
            b.inputSchema = requireObjectSchema(schema, "inputSchema");
            return b;
        }

        /**
         * Lets the handler return {@code type}, a record (or any class Jackson writes as a JSON object
         * or value), and generates the output schema from it.
         */
        public <T> Builder<A, T> output(Class<T> type) {
            Objects.requireNonNull(type, "type");
            Builder<A, T> b = copy(binder, type);
            b.outputSchema = schemas(type).generate(type);
            return b;
        }

        private SchemaSupport schemas(Type type) {
            return SchemaSupport.installed().orElseThrow(() -> new IllegalStateException("tool " + name
                    + " has a typed " + type.getTypeName() + ", which needs keel-schema on the class path"));
        }

        /** A display name. */
        public Builder<A, R> title(String title) {
            this.title = title;
            return this;
        }

        /** What the tool does, for the model. */
        public Builder<A, R> description(String description) {
            this.description = description;
            return this;
        }

        /** The JSON Schema of the arguments: an object schema. Without one, the tool takes no arguments. */
        public Builder<A, R> inputSchema(JsonNode schema) {
            this.inputSchema = requireObjectSchema(schema, "inputSchema");
            return this;
        }

        /** The JSON Schema of the arguments, as JSON text. */
        public Builder<A, R> inputSchema(String schema) {
            return inputSchema(Json.parse(schema, "inputSchema of tool " + name));
        }

        /** The JSON Schema of the tool's structured content. */
        public Builder<A, R> outputSchema(JsonNode schema) {
            this.outputSchema = Objects.requireNonNull(schema, "outputSchema");
            return this;
        }

        /** The JSON Schema of the tool's structured content, as JSON text. */
        public Builder<A, R> outputSchema(String schema) {
            return outputSchema(Json.parse(schema, "outputSchema of tool " + name));
        }

        /** Hints about the tool's behaviour. */
        public Builder<A, R> annotations(ToolAnnotations annotations) {
            this.annotations = annotations;
            return this;
        }

        /** Icons. */
        public Builder<A, R> icons(List<Icon> icons) {
            this.icons = List.copyOf(icons);
            return this;
        }

        /** {@code _meta} of the tool description. */
        public Builder<A, R> meta(Map<String, Object> meta) {
            MetaKeys.requireValid(meta);
            this.meta = Map.copyOf(meta);
            return this;
        }

        /** Checks argument {@code argument} with {@code rule} whenever it is present. */
        public Builder<A, R> rule(String argument, ArgumentRule rule) {
            Objects.requireNonNull(argument, "argument");
            Objects.requireNonNull(rule, "rule");
            rules.merge(argument, rule, ArgumentRules::allOf);
            return this;
        }

        /** How long a call may run; at the deadline the handler is interrupted and the client told. */
        public Builder<A, R> timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout of tool " + name + " must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Declares that the handler never blocks: it computes its answer from its arguments without
         * I/O, locks held for long, sleeps or questions to the client. A call of such a tool may run on
         * the transport's own thread (an HTTP server's platform thread, the stdio reader) instead of
         * being handed to a virtual thread, which saves the hand-off on the hot path. A handler that
         * blocks anyway holds that thread; one that asks a legacy client fails with an error that
         * says so. Default: the handler may block, and runs on a virtual thread.
         */
        public Builder<A, R> nonBlocking() {
            this.nonBlocking = true;
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

        /**
         * The tool.
         *
         * @throws IllegalArgumentException if an {@code x-mcp-header} annotation of the input schema
         *     breaks a rule of the spec
         */
        public Tool<A, R> build() {
            JsonNode input = inputSchema != null ? inputSchema : Json.NO_ARGUMENTS_SCHEMA;
            try {
                ParamHeaders.of(input);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tool " + name + ": " + e.getMessage(), e);
            }
            return new Tool<>(new dev.keel.spec.Tool(name, title, description, input, outputSchema, annotations,
                    icons, meta), binder, outputType, Map.copyOf(new LinkedHashMap<>(rules)), timeout, nonBlocking);
        }
    }
}
