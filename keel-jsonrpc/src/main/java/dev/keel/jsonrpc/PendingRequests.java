package dev.keel.jsonrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests this side has sent and whose responses it awaits, keyed by id.
 *
 * <p>{@link #next()} mints ids that are never reused by this table; {@link #complete(Response)}
 * hands a response to whoever waits for it. Every method is thread-safe. A caller that stops
 * waiting (timeout, cancellation) must {@link #abandon(RequestId) abandon} its id, so that nothing
 * stays behind.
 */
public final class PendingRequests {

    private final Map<RequestId, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** Creates an empty table. */
    public PendingRequests() {
    }

    /** A fresh id, unique within this table's lifetime. */
    public RequestId next() {
        return RequestId.of(nextId.getAndIncrement());
    }

    /**
     * Registers {@code id} and returns the future its response will complete.
     *
     * @throws IllegalStateException if {@code id} is already pending
     */
    public CompletableFuture<Response> register(RequestId id) {
        CompletableFuture<Response> future = new CompletableFuture<>();
        if (pending.putIfAbsent(id, future) != null) {
            throw new IllegalStateException("request id " + id + " is already pending");
        }
        return future;
    }

    /** Completes the request {@code response} answers; {@code false} if no such request is pending. */
    public boolean complete(Response response) {
        if (response.id() == null) {
            return false;
        }
        CompletableFuture<Response> future = pending.remove(response.id());
        return future != null && future.complete(response);
    }

    /** Forgets {@code id}; a response that arrives later is reported as unknown. */
    public void abandon(RequestId id) {
        CompletableFuture<Response> future = pending.remove(id);
        if (future != null) {
            future.cancel(false);
        }
    }

    /** Fails every pending request with {@code cause}, e.g. when the connection closes. */
    public void failAll(Throwable cause) {
        List<CompletableFuture<Response>> failed = new ArrayList<>(pending.values());
        pending.clear();
        failed.forEach(f -> f.completeExceptionally(cause));
    }

    /** How many requests await a response. */
    public int size() {
        return pending.size();
    }
}
