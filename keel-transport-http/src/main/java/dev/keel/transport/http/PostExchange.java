package dev.keel.transport.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.keel.core.McpException;
import dev.keel.core.spi.MessageSink;
import dev.keel.jsonrpc.JsonRpcError;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The response to one POST that carries a request: where the engine writes that request's answer and
 * the messages about it. It stays undecided until the first message: an answer that comes first is
 * sent as one JSON body, with the HTTP status the answer calls for; a notification or a server request
 * that comes first turns the response into an SSE stream, which then carries the answer too.
 *
 * <p>In 2026-07-28 a request that runs longer than the keep-alive interval turns into a stream as well,
 * so that keep-alive comments reveal a client that closed the connection, which cancels the request.
 * In a legacy session the stream is a {@link LegacyStream}: it outlives the connection and is resumed
 * with GET, and a lost connection cancels nothing.
 */
final class PostExchange implements MessageSink {

    private enum State { PENDING, STREAMING, LEGACY_STREAMING, DONE }

    private final Response response;
    private final HttpSettings settings;
    /** Null for a 2026-07-28 request. */
    private final HttpSession session;
    private final boolean streamAllowed;
    private final boolean priming;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private State state = State.PENDING;
    private byte[] answer;
    private int errorCode;
    private boolean refused;
    private SseWriter sse;
    private LegacyStream legacy;
    private boolean broken;

    /**
     * @param session the legacy session, or null for a 2026-07-28 request
     * @param streamAllowed whether the client accepts {@code text/event-stream}
     * @param priming whether a legacy stream begins with a priming event (2025-11-25)
     */
    PostExchange(Response response, HttpSettings settings, HttpSession session, boolean streamAllowed, boolean priming) {
        this.response = response;
        this.settings = settings;
        this.session = session;
        this.streamAllowed = streamAllowed;
        this.priming = priming;
    }

    @Override
    public void send(byte[] message) {
        LegacyStream target;
        lock.lock();
        try {
            if (state == State.PENDING) {
                if (!streamAllowed) {
                    return;  // the client takes JSON only: messages about the request are dropped
                }
                startStream();
            }
            switch (state) {
                case STREAMING -> {
                    if (!broken) {
                        try {
                            sse.event(null, null, message);
                        } catch (IOException e) {
                            lost();
                        }
                    }
                    return;
                }
                case LEGACY_STREAMING -> target = legacy;
                default -> {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
        target.emit(message, false);
    }

    @Override
    public void answer(byte[] message, int code, boolean refusedBeforeDispatch) {
        LegacyStream target;
        lock.lock();
        try {
            switch (state) {
                case PENDING -> {
                    answer = message;
                    errorCode = code;
                    refused = refusedBeforeDispatch;
                    state = State.DONE;
                    changed.signalAll();
                    return;
                }
                case STREAMING -> {
                    if (!broken) {
                        try {
                            sse.event(null, null, message);
                        } catch (IOException e) {
                            broken = true;
                        }
                    }
                    state = State.DONE;
                    changed.signalAll();
                    return;
                }
                case LEGACY_STREAMING -> target = legacy;
                default -> {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
        target.emit(message, true);
    }

    @Override
    public void unanswered() {
        LegacyStream target;
        lock.lock();
        try {
            switch (state) {
                case PENDING, STREAMING -> {
                    state = State.DONE;
                    changed.signalAll();
                    return;
                }
                case LEGACY_STREAMING -> target = legacy;
                default -> {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
        target.end();
    }

    private void startStream() {
        sse = SseWriter.open(response);
        if (session == null) {
            state = State.STREAMING;
        } else {
            legacy = session.openStream();
            state = State.LEGACY_STREAMING;
        }
        changed.signalAll();
    }

    /** The client closed the stream. */
    private void lost() {
        broken = true;
        state = State.DONE;
        changed.signalAll();
    }

    /**
     * Waits for the answer and completes the HTTP response. Runs on the handler's thread.
     *
     * @param sessionHeader the {@code Mcp-Session-Id} to send with the answer, or null
     * @return false if the client went away before the answer (a 2026-07-28 request is then to be cancelled)
     */
    boolean complete(Callback callback, java.util.function.Supplier<String> sessionHeader) throws InterruptedException {
        lock.lock();
        try {
            long wait = settings.keepAlive().toNanos();
            while (state == State.PENDING || (state == State.STREAMING && !broken)) {
                long left = changed.awaitNanos(wait);
                if (left > 0) {
                    wait = left;
                    continue;
                }
                wait = settings.keepAlive().toNanos();
                if (state == State.PENDING && session == null && streamAllowed) {
                    startStream();
                }
                if (state == State.STREAMING) {
                    try {
                        sse.keepAlive();
                    } catch (IOException e) {
                        lost();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        // no state change follows DONE; LEGACY_STREAMING is served below, outside the lock
        if (legacy != null) {
            boolean clean = legacy.serve(sse, null, priming, settings.retry().toMillis(), settings.keepAlive());
            finish(clean, callback);
            return true;
        }
        if (sse != null) {
            finish(!broken, callback);
            return !broken;
        }
        if (answer == null) {
            // cancelled: no answer will come; the request was accepted and that is all there is to say
            response.setStatus(202);
            callback.succeeded();
            return true;
        }
        response.setStatus(status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        String id = sessionHeader == null ? null : sessionHeader.get();
        if (id != null) {
            response.getHeaders().put(McpHttpHandler.SESSION_ID, id);
        }
        response.write(true, ByteBuffer.wrap(answer), callback);
        return true;
    }

    private void finish(boolean clean, Callback callback) {
        if (clean) {
            sse.end(callback);
        } else {
            callback.failed(new IOException("the client closed the stream"));
        }
    }

    /** The HTTP status of a JSON answer. */
    private int status() {
        if (errorCode == 0) {
            return 200;
        }
        if (session != null) {
            // legacy clients read JSON-RPC errors from 200 responses; only an unreadable message is a 400
            return refused && (errorCode == JsonRpcError.PARSE_ERROR || errorCode == JsonRpcError.INVALID_REQUEST) ? 400 : 200;
        }
        return switch (errorCode) {
            case JsonRpcError.METHOD_NOT_FOUND -> 404;
            case JsonRpcError.PARSE_ERROR, JsonRpcError.INVALID_REQUEST, McpException.HEADER_MISMATCH,
                 McpException.MISSING_REQUIRED_CLIENT_CAPABILITY, McpException.UNSUPPORTED_PROTOCOL_VERSION -> 400;
            case JsonRpcError.INVALID_PARAMS -> refused ? 400 : 200;
            default -> 200;
        };
    }
}
