package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * The parameters of {@code completion/complete}: suggest values for one argument of a prompt or a
 * resource template.
 *
 * @param ref the prompt or resource template
 * @param argument the argument being completed and what the user typed so far
 * @param context values of the arguments already filled in (2025-06-18 and later), or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record CompleteRequestParams(
        CompletionReference ref,
        Argument argument,
        @JsonView(Since.R2025_06_18.class) Context context,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public CompleteRequestParams {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(argument, "argument");
    }

    /**
     * The argument to complete.
     *
     * @param name the argument's name
     * @param value what the user typed so far
     */
    public record Argument(String name, String value) {

        public Argument {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * What else is known (2025-06-18 and later).
     *
     * @param arguments the values of arguments already resolved, by name, or {@code null}
     */
    public record Context(Map<String, String> arguments) {
    }
}
