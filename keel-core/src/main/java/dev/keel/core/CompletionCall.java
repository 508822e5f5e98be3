package dev.keel.core;

import java.util.Map;

/** A {@code completion/complete} as a {@link Completer} sees it. */
public interface CompletionCall extends RequestContext {

    /** The name of the argument or variable being completed. */
    String argument();

    /** What the user has typed so far. */
    String value();

    /** Values of other arguments already chosen (2025-06-18 and later), by name; empty when none. */
    Map<String, String> resolved();
}
