package dev.keel.core;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.keel.jsonrpc.Response;

/**
 * Gives every request a server-side id for logs and traces, under {@link #REQUEST_ID}: unique within
 * the process and unlikely to repeat across processes (a random prefix chosen at start, then a
 * counter). The JSON-RPC id is the client's and may repeat across clients; this one does not.
 *
 * <p>Thread-safe; allocation-light.
 */
public final class RequestIdMiddleware implements Middleware {

    /** The request's server-side id. */
    public static final CallContext.Key<String> REQUEST_ID = CallContext.Key.of("keel.requestId", String.class);

    private final String prefix = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    private final AtomicLong counter = new AtomicLong();

    @Override
    public Response handle(Call call, Chain chain) {
        call.context().put(REQUEST_ID, prefix + '-' + Long.toHexString(counter.incrementAndGet()));
        return chain.proceed(call);
    }

    @Override
    public String name() {
        return "request-id";
    }

    @Override
    public boolean blocking() {
        return false;
    }
}
