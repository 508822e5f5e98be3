package dev.keel.spec;

import java.util.Objects;

/**
 * One message of a prompt.
 *
 * @param role who says it
 * @param content what is said
 */
public record PromptMessage(Role role, ContentBlock content) {
    public PromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** A user message of plain text. */
    public static PromptMessage user(String text) {
        return new PromptMessage(Role.USER, TextContent.of(text));
    }

    /** An assistant message of plain text. */
    public static PromptMessage assistant(String text) {
        return new PromptMessage(Role.ASSISTANT, TextContent.of(text));
    }
}
