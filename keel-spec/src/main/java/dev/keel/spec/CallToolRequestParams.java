package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/**
 * The parameters of {@code tools/call}.
 *
 * @param name the tool to call
 * @param arguments the arguments, or {@code null}
 * @param inputResponses answers to a previous input-required result (2026-07-28), or {@code null}
 * @param requestState the state echoed from that result (2026-07-28), or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record CallToolRequestParams(String name, JsonNode arguments, Map<String, InputResponse> inputResponses,
        String requestState, @JsonProperty("_meta") Map<String, Object> meta) {

    /** Parameters calling {@code name} with {@code arguments}. */
    public static CallToolRequestParams of(String name, JsonNode arguments) {
        return new CallToolRequestParams(name, arguments, null, null, null);
    }
}
