package dev.keel.core;

import dev.keel.spec.ElicitResult;

/**
 * The answer to a typed elicitation ({@link RequestContext#elicit(String, Class)}): what the user did,
 * and what they entered, bound to the requested type.
 *
 * @param action accept, decline or cancel
 * @param value what the user entered, when they accepted; otherwise {@code null}
 * @param <T> the type of what was asked for
 */
public record Elicitation<T>(ElicitResult.Action action, T value) {

    /** Whether the user accepted and filled in the form. */
    public boolean accepted() {
        return action == ElicitResult.Action.ACCEPT && value != null;
    }
}
