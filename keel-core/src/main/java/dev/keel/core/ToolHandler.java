package dev.keel.core;

import dev.keel.spec.CallToolResult;

/**
 * Runs a tool: plain blocking code on the request's virtual thread.
 *
 * <p>Return {@link CallToolResult#error(String)} when the tool's work fails, so the model can read
 * why; throw {@link McpException} for faults of the request. Any other exception is an internal
 * error: logged with a correlation id, reported to the client without details.
 *
 * @param <A> the type the arguments are bound to
 */
@FunctionalInterface
public interface ToolHandler<A> {

    /** Runs the tool for {@code call}; never returns {@code null}. */
    CallToolResult handle(ToolCall<A> call) throws Exception;
}
