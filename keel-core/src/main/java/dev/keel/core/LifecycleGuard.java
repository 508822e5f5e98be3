package dev.keel.core;

import dev.keel.jsonrpc.Response;
import dev.keel.spec.McpMethods;

/**
 * The engine's second step: the legacy lifecycle
 * (<a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle">lifecycle</a>).
 * A connection is initialized once; a second {@code initialize} is an invalid request.
 */
final class LifecycleGuard implements Middleware {

    @Override
    public String name() {
        return "lifecycle-guard";
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public Response handle(Call call, Chain chain) {
        if (McpMethods.INITIALIZE.equals(call.method()) && call.context().scope.session() != null) {
            throw McpException.invalidRequest("Invalid Request: this connection's session is already initialized");
        }
        return chain.proceed(call);
    }
}
