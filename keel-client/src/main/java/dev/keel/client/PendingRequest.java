package dev.keel.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;

/**
 * A request {@link McpClient#send sent} and not yet answered, or answered since: wait for its response,
 * cancel it on the server, or stop waiting for it.
 *
 * <p>Thread-safe. A response that arrives completes the request once; closing the client fails every
 * request still waiting with an {@link IllegalStateException}.
 */
public final class PendingRequest {

    private final Wire wire;
    private final RequestId id;
    private final String method;
    private final CompletableFuture<Response> response;

    PendingRequest(Wire wire, RequestId id, String method, CompletableFuture<Response> response) {
        this.wire = wire;
        this.id = id;
        this.method = method;
        this.response = response;
    }

    /** The request's id, as the server sees it. */
    public RequestId id() {
        return id;
    }

    /** The request's method. */
    public String method() {
        return method;
    }

    /** Whether the response has arrived (or the request has failed or been abandoned). */
    public boolean isDone() {
        return response.isDone();
    }

    /**
     * Waits up to {@code wait} for the response, success or failure. Returns empty if none arrived in
     * time, and the request stays pending.
     *
     * @throws IllegalStateException if the request failed (the client closed) or was abandoned
     * @throws InterruptedException if the thread was interrupted while waiting; the request stays pending
     */
    public Optional<Response> await(Duration wait) throws InterruptedException {
        try {
            return Optional.of(response.get(wait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException(method + " " + id + " was abandoned", e);
        }
    }

    /**
     * Waits for the response for up to the client's {@linkplain ClientOptions#timeout() timeout}.
     * A client that stops waiting (the time is up, or the thread is interrupted) abandons the request
     * and tells the server with {@code notifications/cancelled}, so that the server stops working on it.
     *
     * @throws IllegalStateException if no response arrived in time, the thread was interrupted (its
     *     interrupt status is kept), or the request failed
     */
    public Response response() {
        Duration timeout = wire.timeout();
        try {
            Optional<Response> answer = await(timeout);
            if (answer.isPresent()) {
                return answer.get();
            }
        } catch (InterruptedException e) {
            giveUp("The client was interrupted");
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " was interrupted", e);
        }
        String waited = describe(timeout);
        giveUp("The client stopped waiting after " + waited);
        throw new IllegalStateException(method + " got no answer within " + waited);
    }

    private void giveUp(String reason) {
        abandon();
        wire.cancel(id, reason);
    }

    /**
     * Asks the server to stop working on the request ({@code notifications/cancelled}, which an HTTP
     * connection in 2026-07-28 turns into closing the request's response). The request stays pending:
     * a response the server sends anyway still completes it, so a caller may check that none comes.
     */
    public void cancel(String reason) {
        wire.cancel(id, reason);
    }

    /** Stops waiting for the response, without telling the server; a response that arrives later is ignored. */
    public void abandon() {
        wire.abandon(id);
    }

    /** {@code 60 s}, {@code 250 ms}. */
    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return method + " " + id;
    }
}
