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

    /**
     * This result as a client of {@code version} may receive it: message content that revision lacks
     * (audio before 2025-03-26, resource links before 2025-06-18) becomes text. Returns {@code this}
     * when nothing needs to change.
     */
    public GetPromptResult adaptTo(ProtocolVersion version) {
        List<PromptMessage> adapted = null;
        for (int i = 0; i < messages.size(); i++) {
            PromptMessage message = messages.get(i);
            ContentBlock content = ContentBlocks.adaptTo(message.content(), version);
            if (content != message.content() && adapted == null) {
                adapted = new java.util.ArrayList<>(messages.subList(0, i));
            }
            if (adapted != null) {
                adapted.add(content == message.content() ? message : new PromptMessage(message.role(), content));
            }
        }
        return adapted == null ? this : new GetPromptResult(description, adapted, meta);
    }
}
