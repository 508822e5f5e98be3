package dev.keel.spec;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.std.StdDeserializer;

/** Reads a {@link PrimitiveSchemaDefinition}, choosing the kind by {@code type} and the keywords present. */
final class PrimitiveSchemaDefinitionDeserializer extends StdDeserializer<PrimitiveSchemaDefinition> {

    PrimitiveSchemaDefinitionDeserializer() {
        super(PrimitiveSchemaDefinition.class);
    }

    @Override
    public PrimitiveSchemaDefinition deserialize(JsonParser p, DeserializationContext context) {
        JsonNode node = context.readTree(p);
        if (!node.isObject()) {
            return context.reportInputMismatch(PrimitiveSchemaDefinition.class,
                    "an elicitation field schema must be a JSON object, not %s", node.getNodeType());
        }
        JsonNode type = node.get("type");
        String name = type != null && type.isString() ? type.stringValue() : null;
        if (name == null) {
            return context.reportInputMismatch(PrimitiveSchemaDefinition.class,
                    "an elicitation field schema needs a string \"type\"");
        }
        Class<? extends PrimitiveSchemaDefinition> kind = switch (name) {
            case "string" -> node.has("oneOf") ? TitledSingleSelectEnumSchema.class
                    : node.has("enum") ? (node.has("enumNames") ? LegacyTitledEnumSchema.class
                            : UntitledSingleSelectEnumSchema.class)
                    : StringSchema.class;
            case "number", "integer" -> NumberSchema.class;
            case "boolean" -> BooleanSchema.class;
            case "array" -> node.path("items").has("anyOf") ? TitledMultiSelectEnumSchema.class
                    : UntitledMultiSelectEnumSchema.class;
            default -> null;
        };
        if (kind == null) {
            return context.reportInputMismatch(PrimitiveSchemaDefinition.class, "an elicitation field schema "
                    + "must have type string, number, integer, boolean or array, not \"%s\"", name);
        }
        return context.readTreeAsValue(node, kind);
    }
}
