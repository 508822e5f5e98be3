package dev.keel.schema;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.keel.core.spi.SchemaSupport;
import dev.keel.jsonrpc.JsonRpcCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keel's {@link SchemaSupport}: schemas generated from Java types by victools' generator with its
 * Jackson module (so {@code @JsonProperty} names, naming strategies, {@code @JsonPropertyDescription}
 * and enum values are respected), validated by networknt's validator in the dialect each schema
 * declares (2020-12 by default; draft-07, 2019-09, 6 and 4 too).
 *
 * <p>Generated schemas: every property of a record is required unless its type is {@link Optional}
 * or it is annotated {@code @Nullable} (any annotation of that name); records allow no additional
 * properties; nested types are inlined, or placed under {@code $defs} when they repeat or recurse.
 *
 * <p>Validation never fetches anything: a {@code $ref} must resolve within the schema. Thread-safe.
 */
public final class JsonSchemas implements SchemaSupport {

    private final JsonMapper mapper;
    /** Made on first use: building the generator's configuration costs start-up time, and many servers never generate. */
    private volatile SchemaGenerator generator;
    private final SchemaRegistry registry;

    /** The default configuration; what {@link java.util.ServiceLoader} creates. */
    public JsonSchemas() {
        this(null);
    }

    /** Generates with {@code mapper}'s naming and annotation rules ({@code null}: the codec's defaults). */
    public JsonSchemas(JsonMapper mapper) {
        this.mapper = mapper;
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }

    private SchemaGenerator generator() {
        SchemaGenerator g = generator;
        if (g == null) {
            synchronized (this) {
                g = generator;
                if (g == null) {
                    g = newGenerator(mapper != null ? mapper : JsonRpcCodec.create().mapper());
                    generator = g;
                }
            }
        }
        return g;
    }

    private static SchemaGenerator newGenerator(JsonMapper mapper) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonSchemaModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE, JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY,
                        JacksonOption.RESPECT_JSONPROPERTY_ORDER))
                .with(Option.FLATTENED_OPTIONALS, Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                        Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields().withRequiredCheck(JsonSchemas::required);
        // properties in declaration order (record components), unless @JsonPropertyOrder says otherwise
        config.forTypesInGeneral().withPropertySorter((first, second) -> 0);
        return new SchemaGenerator(config.build());
    }

    /**
     * Replaces {@code {"anyOf":[{"type":"null"}, S]}} and {@code "type": [T, "null"]}, which the
     * generator makes of an {@code Optional}, with {@code S} and {@code T}: an empty optional is left
     * out of the arguments, never sent as null.
     */
    private static void dropNullAlternatives(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode anyOf = object.path("anyOf");
            if (anyOf.isArray() && anyOf.size() == 2 && (isNullType(anyOf.get(0)) || isNullType(anyOf.get(1)))) {
                JsonNode kept = isNullType(anyOf.get(0)) ? anyOf.get(1) : anyOf.get(0);
                object.remove("anyOf");
                // the kept alternative's keywords join the node's own (its description, say)
                kept.properties().forEach(e -> {
                    if (!object.has(e.getKey())) {
                        object.set(e.getKey(), e.getValue());
                    }
                });
            }
            JsonNode type = object.path("type");
            if (type.isArray() && type.size() == 2 && (type.get(0).asString("").equals("null")
                    || type.get(1).asString("").equals("null"))) {
                object.set("type", type.get(0).asString("").equals("null") ? type.get(1) : type.get(0));
            }
            for (java.util.Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
                dropNullAlternatives(field.getValue());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(JsonSchemas::dropNullAlternatives);
        }
    }

    private static boolean isNullType(JsonNode schema) {
        return schema.size() == 1 && "null".equals(schema.path("type").asString(null));
    }

    /** A field is required unless it is an {@code Optional}, or annotated {@code @Nullable}. */
    private static boolean required(FieldScope field) {
        if (field.getType() != null && field.getType().getErasedType() == Optional.class) {
            return false;
        }
        for (Annotation annotation : field.getRawMember().getAnnotations()) {
            if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ObjectNode generate(Type type) {
        try {
            ObjectNode schema = generator().generateSchema(type);
            dropNullAlternatives(schema);
            return schema;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot generate a JSON Schema for " + type.getTypeName() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public ObjectNode generateObject(List<Property> properties) {
        // one builder for every property, so that a type several of them use is defined once, under $defs
        SchemaBuilder definitions = generator().buildMultipleSchemaDefinitions();
        ObjectNode schema = generator().getConfig().createObjectNode().put("type", "object");
        ObjectNode members = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (Property property : properties) {
            if (members.has(property.name())) {
                throw new IllegalArgumentException("two properties are named " + property.name());
            }
            try {
                members.set(property.name(), definitions.createSchemaReference(withoutOptional(property.type())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot generate a JSON Schema for " + property.name() + " ("
                        + property.type().getTypeName() + "): " + e.getMessage(), e);
            }
            if (property.required()) {
                required.add(property.name());
            }
        }
        // the references are filled in (inline, or a $ref to a definition) when the definitions are collected
        ObjectNode defs = definitions.collectDefinitions("$defs");
        for (Property property : properties) {
            if (property.description() != null && !property.description().isBlank()) {
                ((ObjectNode) members.get(property.name())).put("description", property.description());
            }
        }
        if (required.isEmpty()) {
            schema.remove("required");
        }
        schema.put("additionalProperties", false);
        if (!defs.isEmpty()) {
            schema.set("$defs", defs);
        }
        dropNullAlternatives(schema);
        return schema;
    }

    /** {@code T} for {@code Optional<T>}: whether a property may be absent is what {@code required} says. */
    private static Type withoutOptional(Type type) {
        if (type instanceof java.lang.reflect.ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            return parameterized.getActualTypeArguments()[0];
        }
        return type;
    }

    @Override
    public Validator compile(JsonNode schema) {
        Schema compiled;
        try {
            compiled = registry.getSchema(schema);
            compiled.initializeValidators();
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("the JSON Schema cannot be used: " + e.getMessage(), e);
        }
        return instance -> {
            List<Error> errors = compiled.validate(instance);
            if (errors.isEmpty()) {
                return List.of();
            }
            List<Violation> violations = new ArrayList<>(errors.size());
            for (Error error : errors) {
                String path = readablePath(error.getInstanceLocation().toString());
                if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
                    path = (path.equals("arguments") ? "" : path + ".") + error.getProperty();
                }
                violations.add(new Violation(path, error.getKeyword(), describe(error)));
            }
            return violations;
        };
    }

    /** The error as one sentence that starts with where it is, e.g. {@code days_ahead: string found, integer expected}. */
    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            String parent = readablePath(location);
            return (parent.equals("arguments") ? "" : parent + ".") + error.getProperty() + ": is required";
        }
        String message = error.getMessage();
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        return readablePath(location) + ": " + message;
    }

    /** {@code /a/b/0} or {@code $.a.b[0]} as {@code a.b[0]}; the root as {@code arguments}. */
    static String readablePath(String location) {
        if (location.isEmpty() || location.equals("$") || location.equals("/")) {
            return "arguments";
        }
        if (location.startsWith("$.")) {
            return location.substring(2);
        }
        if (!location.startsWith("/")) {
            return location;
        }
        StringBuilder path = new StringBuilder();
        for (String segment : location.substring(1).split("/", -1)) {
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                path.append('[').append(name).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(name);
            }
        }
        return path.toString();
    }
}
