package dev.keel.core;

import dev.keel.jsonrpc.JsonRpcCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The mapper core uses outside a server (parsing schemas at registration), and a few constants. */
final class Json {

    static final JsonMapper MAPPER = JsonRpcCodec.create().mapper();

    /** The schema of a tool without arguments, as the spec recommends it. */
    static final JsonNode NO_ARGUMENTS_SCHEMA = MAPPER.readTree("{\"type\":\"object\",\"additionalProperties\":false}");

    private Json() {
    }

    static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectNode emptyObject() {
        return MAPPER.createObjectNode();
    }
}
