package dev.keel.spec;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.std.StdDeserializer;

/** Reads an {@link InputResponse}, choosing the type by the fields present. */
final class InputResponseDeserializer extends StdDeserializer<InputResponse> {

    InputResponseDeserializer() {
        super(InputResponse.class);
    }

    @Override
    public InputResponse deserialize(JsonParser p, DeserializationContext context) {
        JsonNode node = context.readTree(p);
        if (!node.isObject()) {
            return context.reportInputMismatch(InputResponse.class,
                    "an input response must be a JSON object, not %s", node.getNodeType());
        }
        Class<? extends InputResponse> type;
        if (node.has("action")) {
            type = ElicitResult.class;
        } else if (node.has("roots")) {
            type = ListRootsResult.class;
        } else if (node.has("model") || node.has("role")) {
            type = CreateMessageResult.class;
        } else {
            return context.reportInputMismatch(InputResponse.class, "an input response needs \"action\" (ElicitResult), "
                    + "\"roots\" (ListRootsResult) or \"model\" and \"role\" (CreateMessageResult)");
        }
        return context.readTreeAsValue(node, type);
    }
}
