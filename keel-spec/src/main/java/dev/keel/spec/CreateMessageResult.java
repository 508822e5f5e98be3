package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The client's answer to {@code sampling/createMessage}: an {@link InputResponse} in 2026-07-28, a
 * JSON-RPC result in legacy revisions.
 *
 * <p>{@code content} is one block, or (2025-11-25 and later, for tool use) an array of blocks; Keel
 * exposes a list either way and writes it back in the form it was read (a list built in Java is
 * written as a single block when it holds exactly one).
 *
 * @param role who produced the message, normally {@link Role#ASSISTANT}
 * @param content what the model produced
 * @param model the name of the model that produced it
 * @param stopReason why sampling stopped ({@code endTurn}, {@code stopSequence}, {@code maxTokens},
 *     {@code toolUse} or another value), or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
public record CreateMessageResult(
        Role role,
        @JsonSerialize(using = SamplingContents.Serializer.class)
        @JsonDeserialize(using = SamplingContents.Deserializer.class) List<SamplingContent> content,
        String model,
        String stopReason,
        @JsonProperty("_meta") Map<String, Object> meta) implements InputResponse {

    public CreateMessageResult {
        Objects.requireNonNull(role, "role");
        content = SamplingContents.copyOf(Objects.requireNonNull(content, "content"));
        Objects.requireNonNull(model, "model");
    }
}
