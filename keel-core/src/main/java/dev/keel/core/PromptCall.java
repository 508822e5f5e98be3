package dev.keel.core;

import java.util.Map;

/** A {@code prompts/get} as its handler sees it. */
public interface PromptCall extends RequestContext {

    /** The prompt's name. */
    String name();

    /** The argument values; required arguments are checked to be present before the handler runs. */
    Map<String, String> arguments();

    /** The value of argument {@code name}, or {@code null}. */
    default String argument(String name) {
        return arguments().get(name);
    }
}
