package dev.keel.core;

import java.time.Duration;

import dev.keel.jsonrpc.Response;

/**
 * Records when each request started, under {@link #START_NANOS}, and logs how long it took, with its
 * method, outcome and (if {@link RequestIdMiddleware} ran first) its request id, at DEBUG, or at
 * INFO for requests slower than a threshold.
 */
public final class TimingMiddleware implements Middleware {

    /** {@link System#nanoTime()} when the request entered this middleware. */
    public static final CallContext.Key<Long> START_NANOS = CallContext.Key.of("keel.startNanos", Long.class);

    private static final System.Logger LOG = System.getLogger("dev.keel.timing");

    private final long slowNanos;

    /** Logs every request at DEBUG and those slower than one second at INFO. */
    public TimingMiddleware() {
        this(Duration.ofSeconds(1));
    }

    /** Logs every request at DEBUG and those slower than {@code slow} at INFO. */
    public TimingMiddleware(Duration slow) {
        this.slowNanos = slow.toNanos();
    }

    @Override
    public Response handle(Call call, Chain chain) {
        long start = System.nanoTime();
        call.context().put(START_NANOS, start);
        Response response = chain.proceed(call);
        long elapsed = System.nanoTime() - start;
        System.Logger.Level level = elapsed >= slowNanos ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
        if (LOG.isLoggable(level)) {
            String outcome = response instanceof Response.Failure failure ? "error " + failure.error().code() : "ok";
            String requestId = call.context().get(RequestIdMiddleware.REQUEST_ID);
            LOG.log(level, "{0} {1} took {2} ms ({3}){4}", LogText.of(call.method()), LogText.of(call.id()),
                    String.format("%.3f", elapsed / 1e6), outcome, requestId == null ? "" : " request " + LogText.of(requestId));
        }
        return response;
    }

    @Override
    public String name() {
        return "timing";
    }

    @Override
    public boolean blocking() {
        return false;
    }
}
