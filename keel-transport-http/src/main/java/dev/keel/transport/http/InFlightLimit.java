package dev.keel.transport.http;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Caps the POSTs being served at once, twice: per client address ({@link PerAddressLimits#maxInFlight()}:
 * 429 with {@code Retry-After} beyond it) and in all ({@code maxInFlight}: 503 with {@code Retry-After}),
 * both at once, without reading the body. The address is checked first, so a client at its own limit
 * takes nothing from the global budget. A POST counts until its response is complete, whichever thread
 * completes it; every path that takes POSTs (the MCP endpoint, the HTTP+SSE endpoint's messages) counts
 * against the same budgets. (Jetty's {@code QoSHandler} would queue the excess instead; a client told
 * to retry is what MCP clients expect.)
 */
final class InFlightLimit extends Handler.Wrapper {

    private final int max;
    private final HttpAnswers answers;
    private final AtomicInteger inFlight;
    private final ClientCounts perClient;

    /**
     * Limits {@code handler}'s POSTs, counted in {@code inFlight} and {@code perClient} with those of the
     * other limited paths.
     */
    InFlightLimit(Handler handler, int max, HttpAnswers answers, AtomicInteger inFlight, ClientCounts perClient) {
        super(handler);
        this.max = max;
        this.answers = answers;
        this.inFlight = inFlight;
        this.perClient = perClient;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        ClientKey client = ClientKey.of(request);
        if (!perClient.tryAcquire(client)) {
            answers.tooMany(response, callback, "Too Many Requests: this client address (" + client + ") has "
                    + perClient.max() + " requests in flight, the limit per address; retry when one has been answered");
            return true;
        }
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            perClient.release(client);
            answers.unavailable(response, callback, "Service Unavailable: the server is at its limit of " + max
                    + " requests in flight; retry shortly");
            return true;
        }
        Callback done = AsyncResponses.then(callback, () -> {
            inFlight.decrementAndGet();
            perClient.release(client);
        });
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
