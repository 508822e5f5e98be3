package dev.keel.core;

import java.util.Objects;

import dev.keel.spec.CallToolResult;

/**
 * A tool's work failed in a way the model should read: thrown from a tool handler, it becomes a
 * result with {@code isError: true} and this message as its text, just as if the handler had
 * returned {@link CallToolResult#error(String)}. Handlers that return typed results
 * report failures this way.
 *
 * <p>The message goes to the client: keep it useful and free of secrets. Carries no stack trace.
 */
public class ToolError extends RuntimeException {

    /** A failure explained by {@code message}. */
    public ToolError(String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
    }
}
