package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of {@code prompts/get}.
 *
 * @param name the prompt to get
 * @param arguments the argument values, or {@code null}
 * @param inputResponses answers to a previous input-required result (2026-07-28), or {@code null}
 * @param requestState the state echoed from that result (2026-07-28), or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record GetPromptRequestParams(String name, Map<String, String> arguments,
        Map<String, InputResponse> inputResponses, String requestState, @JsonProperty("_meta") Map<String, Object> meta) {
}
