package dev.keel.core;

import java.util.List;

/**
 * Suggests values for a prompt argument or a resource-template variable
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/completion">completion</a>).
 * Return the most relevant first; the engine sends at most 100 and says how many there were.
 */
@FunctionalInterface
public interface Completer {

    /** Suggestions for what the user has typed so far, {@link CompletionCall#value()}. */
    List<String> complete(CompletionCall call) throws Exception;
}
