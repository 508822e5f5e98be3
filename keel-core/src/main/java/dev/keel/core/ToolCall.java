package dev.keel.core;

import tools.jackson.databind.JsonNode;

/**
 * A {@code tools/call} as its handler sees it.
 *
 * @param <A> the type the arguments are bound to ({@link JsonNode} for a tool with a hand-written schema)
 */
public interface ToolCall<A> extends RequestContext {

    /** The tool's name. */
    String name();

    /** The arguments, bound to the tool's input type. */
    A arguments();

    /** The arguments as sent: a JSON object, empty when the client sent none. */
    JsonNode rawArguments();
}
