package dev.keel.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The client's answer to {@code elicitation/create} (2025-06-18 and later): an {@link InputResponse}
 * in 2026-07-28, a JSON-RPC result in legacy revisions.
 *
 * @param action whether the user accepted, declined or dismissed the request
 * @param content the submitted values when a form was accepted, or {@code null}; each is a
 *     {@link String}, a {@link Number}, a {@link Boolean} or (2025-11-25 and later) a list of strings
 * @param meta {@code _meta} (legacy revisions), or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
public record ElicitResult(Action action, Map<String, Object> content,
        @JsonProperty("_meta") Map<String, Object> meta) implements InputResponse {

    public ElicitResult {
        Objects.requireNonNull(action, "action");
        if (content != null) {
            content.forEach(ElicitResult::checkValue);
            content = Collections.unmodifiableMap(new LinkedHashMap<>(content));
        }
    }

    private static void checkValue(String name, Object value) {
        boolean valid = value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
        if (!valid) {
            throw new IllegalArgumentException("the elicited value of " + name
                    + " must be a string, a number, a boolean or an array of strings");
        }
    }

    /** The user submitted {@code content}. */
    public static ElicitResult accept(Map<String, Object> content) {
        return new ElicitResult(Action.ACCEPT, content, null);
    }

    /** The user explicitly declined. */
    public static ElicitResult decline() {
        return new ElicitResult(Action.DECLINE, null, null);
    }

    /** The user dismissed the request without choosing. */
    public static ElicitResult cancel() {
        return new ElicitResult(Action.CANCEL, null, null);
    }

    /** Whether the user accepted. */
    public boolean accepted() {
        return action == Action.ACCEPT;
    }

    /** What the user did with an elicitation request. */
    public enum Action {
        /** Submitted the form, or consented to open the URL. */
        @JsonProperty("accept")
        ACCEPT,
        /** Explicitly refused. */
        @JsonProperty("decline")
        DECLINE,
        /** Dismissed without an explicit choice. */
        @JsonProperty("cancel")
        CANCEL
    }
}
