package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

import tools.jackson.databind.JsonNode;

/**
 * A tool as {@code tools/list} describes it.
 *
 * @param name the unique name
 * @param title a display name (2025-06-18 and later), or {@code null}
 * @param description what the tool does, for the model, or {@code null}
 * @param inputSchema the JSON Schema of the arguments: an object schema
 * @param outputSchema the JSON Schema of {@code structuredContent} (2025-06-18 and later), or {@code null}
 * @param annotations behaviour hints (2025-03-26 and later), or {@code null}
 * @param icons icons (2025-11-25 and later), or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record Tool(
        String name,
        @JsonView(Since.R2025_06_18.class) String title,
        String description,
        JsonNode inputSchema,
        @JsonView(Since.R2025_06_18.class) JsonNode outputSchema,
        @JsonView(Since.R2025_03_26.class) ToolAnnotations annotations,
        @JsonView(Since.R2025_11_25.class) List<Icon> icons,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputSchema, "inputSchema");
        if (!inputSchema.isObject()) {
            throw new IllegalArgumentException("the inputSchema of tool " + name + " must be a JSON object");
        }
        if (outputSchema != null && !outputSchema.isObject() && !outputSchema.isBoolean()) {
            throw new IllegalArgumentException("the outputSchema of tool " + name + " must be a JSON Schema");
        }
        icons = icons == null ? null : List.copyOf(icons);
    }

    /** A copy with another output schema. */
    public Tool withOutputSchema(JsonNode schema) {
        return new Tool(name, title, description, inputSchema, schema, annotations, icons, meta);
    }
}
