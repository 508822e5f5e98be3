package dev.keel.core.spi;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schema generation and validation, which core needs but does not implement: it would need
 * libraries beyond Jackson. {@code keel-schema} provides it; core finds it with
 * {@link ServiceLoader}, or takes one given to {@code McpServer.Builder.schemaSupport}.
 *
 * <p>Implementations are thread-safe; compiled validators are immutable and thread-safe.
 */
public interface SchemaSupport {

    /**
     * The JSON Schema (2020-12) of {@code type}, an object schema for records and classes: names as
     * Jackson writes them, descriptions from {@code @JsonPropertyDescription} and
     * {@code @JsonClassDescription}, every property required unless it is an {@code Optional}.
     *
     * @throws IllegalArgumentException if no schema can be made for the type
     */
    ObjectNode generate(Type type);

    /**
     * The JSON Schema (2020-12) of an object whose properties, in the order given, each have the schema of a Java
     * type, as {@link #generate(Type)} makes it: the parameters of a method, say. A type that several properties
     * use (or that recurses) is defined once under {@code $defs}; no other properties are allowed.
     *
     * @throws IllegalArgumentException if no schema can be made for a property's type, naming the property
     * @throws UnsupportedOperationException if this implementation cannot combine schemas (the default)
     */
    default ObjectNode generateObject(List<Property> properties) {
        throw new UnsupportedOperationException(getClass().getName() + " does not generate object schemas from"
                + " properties; keel-schema's JsonSchemas does");
    }

    /**
     * One property of {@link #generateObject(List)}.
     *
     * @param name the property's name
     * @param type its Java type, generic types included ({@code List<Forecast>}, {@code Optional<Integer>})
     * @param description what it means, for the model; {@code null} for none
     * @param required whether an instance must have it
     */
    record Property(String name, Type type, String description, boolean required) {
        public Property {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Compiles {@code schema} for validation, in the dialect it declares with {@code $schema}
     * (2020-12 when it declares none). Remote {@code $ref}s are never fetched.
     *
     * @throws IllegalArgumentException if the schema is invalid, uses an unsupported dialect, or
     *     refers to something that cannot be resolved locally
     */
    Validator compile(JsonNode schema);

    /** A compiled schema. */
    @FunctionalInterface
    interface Validator {
        /** What is wrong with {@code instance}; empty if it is valid. */
        List<Violation> validate(JsonNode instance);
    }

    /**
     * One way an instance fails its schema.
     *
     * @param path where, as a JSON path from the instance root, e.g. {@code $.city}
     * @param keyword the schema keyword that failed, e.g. {@code required}, {@code minimum}
     * @param message one sentence a person (or a model) can act on
     */
    record Violation(String path, String keyword, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    /** The implementation on the class path, if any; looked up once. */
    static Optional<SchemaSupport> installed() {
        return InstalledSchemaSupport.INSTANCE;
    }
}
