package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The parameters of {@code sampling/createMessage}. Only send {@code tools} and {@code toolChoice}
 * to a client that declared {@code sampling.tools}, and an {@code includeContext} other than
 * {@code none} to one that declared {@code sampling.context}.
 *
 * @param messages the conversation to continue
 * @param modelPreferences what the server would like from the model, or {@code null}
 * @param systemPrompt a system prompt the client may use, or {@code null}
 * @param includeContext which MCP context to include (soft-deprecated), or {@code null} ({@code none})
 * @param temperature the sampling temperature, or {@code null}
 * @param maxTokens the most tokens to sample; positive
 * @param stopSequences sequences that end sampling, or {@code null}
 * @param metadata provider-specific parameters: a JSON object, or {@code null}
 * @param tools tools the model may call (2025-11-25 and later), or {@code null}
 * @param toolChoice how the model may use them (2025-11-25 and later), or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record CreateMessageRequestParams(
        List<SamplingMessage> messages,
        ModelPreferences modelPreferences,
        String systemPrompt,
        IncludeContext includeContext,
        @JsonSerialize(using = WholeNumberSerializer.class) Double temperature,
        int maxTokens,
        List<String> stopSequences,
        JsonNode metadata,
        @JsonView(Since.R2025_11_25.class) List<Tool> tools,
        @JsonView(Since.R2025_11_25.class) ToolChoice toolChoice,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public CreateMessageRequestParams {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
        stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
        if (metadata != null && !metadata.isObject()) {
            throw new IllegalArgumentException("the sampling metadata must be a JSON object");
        }
        tools = tools == null ? null : List.copyOf(tools);
        requireToolUsesAnswered(messages);
    }

    /** Every tool use of an assistant message is answered, id for id, by the user message after it. */
    private static void requireToolUsesAnswered(List<SamplingMessage> messages) {
        for (int i = 0; i + 1 < messages.size(); i++) {
            java.util.Set<String> uses = new java.util.HashSet<>();
            messages.get(i).content().forEach(c -> {
                if (c instanceof ToolUseContent use) {
                    uses.add(use.id());
                }
            });
            if (uses.isEmpty()) {
                continue;
            }
            java.util.Set<String> answered = new java.util.HashSet<>();
            messages.get(i + 1).content().forEach(c -> {
                if (c instanceof ToolResultContent result) {
                    answered.add(result.toolUseId());
                }
            });
            if (!answered.equals(uses)) {
                throw new IllegalArgumentException("the tool uses " + uses + " of sampling message " + i
                        + " must each be answered by a tool result in the message after it, which answers " + answered);
            }
        }
    }

    /** A request to continue {@code messages} with at most {@code maxTokens} tokens. */
    public static CreateMessageRequestParams of(List<SamplingMessage> messages, int maxTokens) {
        return new CreateMessageRequestParams(messages, null, null, null, null, maxTokens, null, null, null, null, null);
    }

    /** Which MCP servers' context the client should add to the prompt. */
    public enum IncludeContext {
        /** None: the default, and the only value for clients without {@code sampling.context}. */
        @JsonProperty("none")
        NONE,
        /** The requesting server's context (soft-deprecated). */
        @JsonProperty("thisServer")
        THIS_SERVER,
        /** The context of every server the client is connected to (soft-deprecated). */
        @JsonProperty("allServers")
        ALL_SERVERS
    }
}
