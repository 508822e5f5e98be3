package dev.keel.spec;

import java.util.List;

import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Hints about how a client should use or display an object.
 *
 * @param audience who the object is meant for, or {@code null}
 * @param priority importance from 0 (optional) to 1 (required), or {@code null}
 * @param lastModified when the object was last changed, ISO 8601, or {@code null}
 */
public record Annotations(List<Role> audience, @JsonSerialize(using = WholeNumberSerializer.class) Double priority,
        String lastModified) {
    public Annotations {
        audience = audience == null ? null : List.copyOf(audience);
        if (priority != null && (priority < 0 || priority > 1)) {
            throw new IllegalArgumentException("priority must lie between 0 and 1, was " + priority);
        }
    }
}
