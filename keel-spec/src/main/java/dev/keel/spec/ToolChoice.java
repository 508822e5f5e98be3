package dev.keel.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the model may use the tools of a sampling request (2025-11-25 and later).
 *
 * @param mode whether it may, must or must not call a tool, or {@code null} ({@link Mode#AUTO})
 */
public record ToolChoice(Mode mode) {

    /** Whether the model may call tools. */
    public enum Mode {
        /** The model decides. */
        @JsonProperty("auto")
        AUTO,
        /** The model must call at least one tool. */
        @JsonProperty("required")
        REQUIRED,
        /** The model must not call tools. */
        @JsonProperty("none")
        NONE
    }
}
