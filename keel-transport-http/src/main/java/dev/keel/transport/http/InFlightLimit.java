package dev.keel.transport.http;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Caps the POSTs being served at once: beyond the limit, 503 with {@code Retry-After} at once, without
 * reading the body. A POST counts until its response is complete, whichever thread completes it; every
 * path that takes POSTs (the MCP endpoint, the HTTP+SSE endpoint's messages) counts against one budget,
 * the counter the limits share. (Jetty's
 * {@code QoSHandler} would queue the excess instead; a client told to retry is what MCP clients expect.)
 */
final class InFlightLimit extends Handler.Wrapper {

    private final int max;
    private final HttpAnswers answers;
    private final AtomicInteger inFlight;

    /** Limits {@code handler}'s POSTs, counted in {@code inFlight} with those of the other limited paths. */
    InFlightLimit(Handler handler, int max, HttpAnswers answers, AtomicInteger inFlight) {
        super(handler);
        this.max = max;
        this.answers = answers;
        this.inFlight = inFlight;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            answers.unavailable(response, callback, "Service Unavailable: the server is at its limit of " + max
                    + " requests in flight; retry shortly");
            return true;
        }
        Callback done = AsyncResponses.then(callback, inFlight::decrementAndGet);
        try {
            if (!super.handle(request, response, done)) {
                done.failed(new IllegalStateException("no handler took the POST"));
            }
        } catch (Exception | Error e) {
            done.failed(e);
        }
        return true;
    }
}
