package dev.keel.core;

import java.util.List;
import java.util.function.Function;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.Response;

/**
 * Runs a call through the middleware in order and then the terminal step. Each link checks the
 * contract of the middleware that holds it: {@code proceed} at most once, never a {@code null}
 * response; a breach is an internal error whose log line names the middleware. Exceptions thrown by
 * a middleware become failures here, so {@code proceed} hands every middleware a response.
 */
final class MiddlewareChain {

    private final Middleware[] steps;
    private final Function<Call, Response> terminal;

    MiddlewareChain(List<Middleware> steps, Function<Call, Response> terminal) {
        this.steps = steps.toArray(Middleware[]::new);
        this.terminal = terminal;
    }

    /** Runs {@code call} through every step; never throws, never returns {@code null}. */
    Response proceed(Call call) {
        return run(0, call);
    }

    private Response run(int index, Call call) {
        if (index == steps.length) {
            return terminal.apply(call);
        }
        Middleware step = steps[index];
        Response response;
        try {
            response = step.handle(call, new Link(index + 1, step));
        } catch (RuntimeException e) {
            return Response.failure(call.id(), Failures.toError(e, call.context().protocolVersion(), call.method()));
        }
        if (response == null) {
            return Response.failure(call.id(), Failures.toError(
                    new IllegalStateException("middleware " + step.name() + " returned null"),
                    call.context().protocolVersion(), call.method()));
        }
        return response;
    }

    /** The rest of the chain as one middleware sees it; usable once. */
    private final class Link implements Middleware.Chain {
        private final int next;
        private final Middleware owner;
        private boolean used;

        Link(int next, Middleware owner) {
            this.next = next;
            this.owner = owner;
        }

        @Override
        public Response proceed(Call call) {
            if (used) {
                throw new IllegalStateException("middleware " + owner.name() + " called proceed() twice");
            }
            used = true;
            if (call == null) {
                throw new IllegalStateException("middleware " + owner.name() + " called proceed(null)");
            }
            return run(next, call);
        }
    }

    /** A failure answering {@code call} with {@code code} and {@code message}. */
    static Response failure(Call call, int code, String message) {
        return Response.failure(call.id(), JsonRpcError.of(code, message));
    }
}
