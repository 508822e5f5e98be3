package dev.keel.core;

import dev.keel.jsonrpc.Response;

/**
 * A step every request passes through: request ids, timing, logging, auth, rate limits, metrics and
 * tracing are all middleware.
 *
 * <p>The first middleware registered runs outermost. Keel's own steps are middleware too: era
 * resolution and the lifecycle guard run before yours (so you see the protocol revision and the
 * client), the dispatcher after. A middleware calls {@link Chain#proceed} at most once and returns
 * a response; it may instead answer by itself (a rate limit, say) or by throwing
 * {@link McpException}. The chain enforces this and names the offender. Exceptions never escape
 * {@code proceed}: a failure further in arrives as a {@link Response.Failure}.
 *
 * <p>Threading: runs on the request's thread, a virtual one unless nothing the request passes
 * through can block: a middleware that may block (I/O, a remote rate limit, a token lookup) keeps
 * {@link #blocking()} true, which is the default, and every request then runs on a virtual thread.
 */
@FunctionalInterface
public interface Middleware {

    /** Handles {@code call}, usually by passing it on with {@code chain.proceed(call)}. */
    Response handle(Call call, Chain chain);

    /**
     * Whether this middleware may block. Return {@code false} only if it never waits (no I/O, no locks
     * held for long): requests may then run on a transport's platform thread.
     */
    default boolean blocking() {
        return true;
    }

    /** The name used in diagnostics; the class name unless overridden. */
    default String name() {
        String simple = getClass().getSimpleName();
        int lambda = simple.indexOf("$$Lambda");
        return lambda > 0 ? simple.substring(0, lambda) + " (lambda)" : simple;
    }

    /** Gives {@code middleware} a name for diagnostics, e.g. for a lambda. */
    static Middleware named(String name, Middleware middleware) {
        return new Middleware() {
            @Override
            public Response handle(Call call, Chain chain) {
                return middleware.handle(call, chain);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean blocking() {
                return middleware.blocking();
            }
        };
    }

    /** The rest of the chain. */
    interface Chain {
        /** Passes {@code call} to the next step and returns its response; never throws, never returns null. */
        Response proceed(Call call);
    }
}
