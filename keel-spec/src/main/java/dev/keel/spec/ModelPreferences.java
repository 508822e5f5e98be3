package dev.keel.spec;

import java.util.List;

import tools.jackson.databind.annotation.JsonSerialize;

/**
 * What the server would like from the model a client samples; advisory only.
 *
 * @param hints model names to consider, in order of preference, or {@code null}
 * @param costPriority how much cost matters, from 0 to 1, or {@code null}
 * @param speedPriority how much latency matters, from 0 to 1, or {@code null}
 * @param intelligencePriority how much capability matters, from 0 to 1, or {@code null}
 */
public record ModelPreferences(
        List<ModelHint> hints,
        @JsonSerialize(using = WholeNumberSerializer.class) Double costPriority,
        @JsonSerialize(using = WholeNumberSerializer.class) Double speedPriority,
        @JsonSerialize(using = WholeNumberSerializer.class) Double intelligencePriority) {

    public ModelPreferences {
        hints = hints == null ? null : List.copyOf(hints);
        check("costPriority", costPriority);
        check("speedPriority", speedPriority);
        check("intelligencePriority", intelligencePriority);
    }

    private static void check(String name, Double priority) {
        if (priority != null && !(priority >= 0 && priority <= 1)) {
            throw new IllegalArgumentException(name + " must lie between 0 and 1, was " + priority);
        }
    }
}
