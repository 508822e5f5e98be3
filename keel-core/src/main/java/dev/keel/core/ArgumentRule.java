package dev.keel.core;

import tools.jackson.databind.JsonNode;

/**
 * A check on one argument of a tool, beyond what its JSON Schema says: a path that must stay inside a
 * directory, a pattern, a range, an allow-list. {@link ArgumentRules} has the common ones.
 *
 * <p>Rules run after schema validation and before the handler; a failure is reported like a schema
 * failure, naming the argument. They must be thread-safe.
 */
@FunctionalInterface
public interface ArgumentRule {

    /**
     * Checks {@code value}, the argument as sent (rules are not asked about absent arguments).
     *
     * @return what is wrong, as a phrase that completes "{@code <argument>: …}", or {@code null} if
     *     the value is acceptable
     */
    String check(JsonNode value);
}
