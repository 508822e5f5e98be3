package dev.keel.transport.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.keel.core.McpException;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.MessageSink;
import dev.keel.jsonrpc.JsonRpcError;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The response to one POST that carries a request: where the engine writes that request's answer and
 * the messages about it. It stays undecided until the first message: an answer that comes first is
 * written at once as one JSON body, with the HTTP status the answer calls for, by whichever thread
 * gives it (the handler's, or the deadline timer's); a notification or a server request that comes
 * first turns the response into an SSE stream, which then carries the answer too.
 *
 * <p>In 2026-07-28 a request that runs longer than the keep-alive interval turns into a stream as well
 * ({@link #keepAliveDue}, driven by the transport's sweeper), so that keep-alive comments reveal a
 * client that closed the connection, which cancels the request. In a legacy session the stream is a
 * {@link LegacyStream}: it outlives the connection and is resumed with GET, and a lost connection
 * cancels nothing.
 *
 * <p>Nobody waits for the exchange: the request runs on the POST's own thread when it cannot block
 * ({@link Channel#serve}), or on a virtual thread of its own, and whichever thread
 * gives the answer completes the HTTP response (and with it the POST's callback, which releases what
 * the POST held). A legacy stream is served to the connection by a virtual thread of its own.
 */
final class PostExchange implements MessageSink {

    private enum State { PENDING, STREAMING, LEGACY_STREAMING, DONE }

    /** Encoded once, not for every answer. */
    private static final org.eclipse.jetty.http.HttpField JSON =
            new org.eclipse.jetty.http.PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final HttpSettings settings;
    private final SseStreams streams;
    /** Null for a 2026-07-28 request. */
    private final HttpSession session;
    private final boolean streamAllowed;
    private final boolean priming;
    private final long created = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.PENDING;
    /** Whether the HTTP response is complete (its callback succeeded or failed, or will by a write under way). */
    private boolean finished;
    private SseWriter sse;
    private long lastWrite;
    private LegacyStream legacy;
    private boolean broken;
    /** Gives the {@code Mcp-Session-Id} to send with a JSON answer (initialize), or null. */
    private Supplier<String> sessionHeader;
    /** What cancels the request when the client is found gone (a 2026-07-28 request's channel close). */
    private Runnable onLost;

    /**
     * @param session the legacy session, or null for a 2026-07-28 request
     * @param streamAllowed whether the client accepts {@code text/event-stream}
     * @param priming whether a legacy stream begins with a priming event (2025-11-25)
     */
    PostExchange(Request request, Response response, Callback callback, HttpSettings settings, SseStreams streams,
            HttpSession session, boolean streamAllowed, boolean priming) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.settings = settings;
        this.streams = streams;
        this.session = session;
        this.streamAllowed = streamAllowed;
        this.priming = priming;
    }

    /** The {@code Mcp-Session-Id} to send with a JSON answer, asked for when the answer is written. */
    PostExchange sessionHeader(Supplier<String> header) {
        this.sessionHeader = header;
        return this;
    }

    /** What to run when the client is found gone while the request runs (2026-07-28: cancel it). */
    PostExchange onLost(Runnable action) {
        this.onLost = action;
        return this;
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
                    writeEvent(message);
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
                    state = State.DONE;
                    respond(message, code, refusedBeforeDispatch);
                    return;
                }
                case STREAMING -> {
                    writeEvent(message);
                    state = State.DONE;
                    endStream();
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
                case PENDING -> {
                    // cancelled: no answer will come; the request was accepted and that is all there is to say
                    state = State.DONE;
                    response.setStatus(202);
                    finish(() -> callback.succeeded());
                    return;
                }
                case STREAMING -> {
                    state = State.DONE;
                    endStream();
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

    /** Writes a JSON answer as the whole response. Under the lock. */
    private void respond(byte[] message, int code, boolean refused) {
        response.setStatus(status(code, refused));
        response.getHeaders().put(JSON);
        String id = sessionHeader == null ? null : sessionHeader.get();
        if (id != null) {
            response.getHeaders().put(HttpRequests.SESSION_ID, id);
        }
        finish(() -> response.write(true, ByteBuffer.wrap(message), callback));
    }

    /** Queues one event on a 2026-07-28 stream; a lost stream takes nothing more. Under the lock. */
    private void writeEvent(byte[] message) {
        if (broken) {
            return;
        }
        if (sse.event(null, null, message)) {
            lastWrite = System.nanoTime();
        } else {
            broken = true;
        }
    }

    /** Ends a 2026-07-28 stream: cleanly once every event is out, with a failure if the stream is lost. Under the lock. */
    private void endStream() {
        finish(() -> sse.end(callback));
    }

    /** Completes the HTTP response once. Under the lock. */
    private void finish(Runnable completion) {
        if (finished) {
            return;
        }
        finished = true;
        completion.run();
    }

    private void startStream() {
        sse = streams.open(request, response);
        lastWrite = System.nanoTime();
        if (session == null) {
            state = State.STREAMING;
            sse.onLost(this::lost);
        } else {
            legacy = session.openStream();
            state = State.LEGACY_STREAMING;
            // the stream outlives the request's thread, and its writes may wait on the client: a writer of its own
            LegacyStream stream = legacy;
            Thread.ofVirtual().name("keel-http-stream").start(() -> serveLegacy(stream));
        }
    }

    /** Serves a legacy POST stream to this connection until it ends or the connection is lost. */
    private void serveLegacy(LegacyStream stream) {
        boolean clean;
        try {
            clean = stream.serve(sse, null, priming, settings.retry().toMillis(), settings.keepAlive());
        } catch (InterruptedException e) {
            clean = false;
        }
        boolean ok = clean;
        lock.lock();
        try {
            // the state stays LEGACY_STREAMING: what the request sends from now on waits in the stream, to be resumed
            finish(() -> {
                if (ok) {
                    sse.end(callback);
                } else {
                    callback.failed(new IOException("the stream was lost or taken over"));
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * The 2026-07-28 stream was lost (the client left, or stopped reading): the request is cancelled, as
     * a client that went away would have it. On a virtual thread of the writer's.
     */
    private void lost() {
        lock.lock();
        try {
            broken = true;
        } finally {
            lock.unlock();
        }
        Runnable action = onLost;
        if (action != null) {
            action.run();
        }
    }

    /**
     * Whether this 2026-07-28 exchange is due a keep-alive comment at {@code now}: it has run for the
     * keep-alive interval without an answer or has been quiet that long on its stream.
     */
    boolean keepAliveDue(long now) {
        lock.lock();
        try {
            long interval = settings.keepAlive().toNanos();
            return switch (state) {
                case PENDING -> streamAllowed && now - created >= interval;
                case STREAMING -> !broken && now - lastWrite >= interval;
                default -> false;
            };
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a keep-alive comment, turning a pending 2026-07-28 response into a stream first; a client
     * found gone cancels the request (through the stream's loss action). Never blocks: the transport's
     * timer calls it.
     */
    void keepAlive() {
        lock.lock();
        try {
            if (state == State.PENDING && streamAllowed) {
                startStream();
            }
            if (state == State.STREAMING && !broken) {
                if (sse.keepAlive()) {
                    lastWrite = System.nanoTime();
                } else {
                    broken = true;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The HTTP status of a JSON answer. */
    private int status(int errorCode, boolean refused) {
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
