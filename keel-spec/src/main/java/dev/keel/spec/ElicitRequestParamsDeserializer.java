package dev.keel.spec;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.std.StdDeserializer;

/** Reads {@link ElicitRequestParams}: URL mode when {@code mode} is {@code "url"}, form mode otherwise. */
final class ElicitRequestParamsDeserializer extends StdDeserializer<ElicitRequestParams> {

    ElicitRequestParamsDeserializer() {
        super(ElicitRequestParams.class);
    }

    @Override
    public ElicitRequestParams deserialize(JsonParser p, DeserializationContext context) {
        JsonNode node = context.readTree(p);
        if (!node.isObject()) {
            return context.reportInputMismatch(ElicitRequestParams.class,
                    "elicitation parameters must be a JSON object, not %s", node.getNodeType());
        }
        JsonNode mode = node.get("mode");
        if (mode == null || mode.isNull() || mode.isString() && mode.stringValue().equals("form")) {
            return context.readTreeAsValue(node, ElicitRequestFormParams.class);
        }
        if (mode.isString() && mode.stringValue().equals("url")) {
            return context.readTreeAsValue(node, ElicitRequestURLParams.class);
        }
        return context.reportInputMismatch(ElicitRequestParams.class,
                "unknown elicitation mode %s: expected \"form\" or \"url\"", mode);
    }
}
