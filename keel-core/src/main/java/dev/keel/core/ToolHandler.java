package dev.keel.core;

import dev.keel.spec.CallToolResult;

/**
 * Runs a tool: plain blocking code on the request's virtual thread (or, for a tool declared
 * {@link Tool.Builder#nonBlocking() non-blocking}, code that never waits, on the transport's thread).
 *
 * <p>A handler of a plain tool returns a {@link CallToolResult}, and reports its
 * work's failures with {@link CallToolResult#error(String)}; a handler of a tool with a
 * typed output returns the value, and reports failures by throwing {@link ToolError}. Either throws
 * {@link McpException} for faults of the request. Any other exception is an internal error: logged
 * with a correlation id, reported to the client without details.
 *
 * @param <A> what the handler receives as arguments
 * @param <R> what the handler returns
 */
@FunctionalInterface
public interface ToolHandler<A, R> {

    /** Runs the tool for {@code call}; never returns {@code null}. */
    R handle(ToolCall<A> call) throws Exception;
}
