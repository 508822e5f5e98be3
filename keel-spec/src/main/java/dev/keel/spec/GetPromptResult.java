package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code prompts/get}.
 *
 * @param description a description of the prompt, or {@code null}
 * @param messages the prompt's messages
 * @param meta {@code _meta}, or {@code null}
 */
public record GetPromptResult(String description, List<PromptMessage> messages,
        @JsonProperty("_meta") Map<String, Object> meta) implements Result {

    public GetPromptResult {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }

    /** A prompt of {@code messages}. */
    public static GetPromptResult of(String description, PromptMessage... messages) {
        return new GetPromptResult(description, List.of(messages), null);
    }

    @Override
    public GetPromptResult withMeta(Map<String, Object> meta) {
        return new GetPromptResult(description, messages, meta);
    }
}
