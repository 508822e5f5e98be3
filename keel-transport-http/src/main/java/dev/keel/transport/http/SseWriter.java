package dev.keel.transport.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import dev.keel.core.spi.OutboundQueue;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Writes Server-Sent Events to one HTTP response without ever blocking the caller: each event is
 * framed and offered to the stream's {@link OutboundQueue}, which writes them one after the other
 * with Jetty's asynchronous writes. A client that stops reading fills the queue or outlasts the write
 * timeout; the stream then fails: its connection is closed (which releases the write under way), the
 * response ends, and the owner's {@linkplain #onLost loss action} runs (on a virtual thread), so
 * nothing else waits for that client. For HTTP/1.1 a failed write is also the only sign that a client
 * went away, which is why idle streams carry {@code :} comments.
 */
final class SseWriter {

    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ":\n\n".getBytes(StandardCharsets.US_ASCII);
    /** What {@link #ending} holds once the response is complete, or once the stream is lost. */
    private static final Callback DONE = Callback.NOOP;
    private static final Callback LOST = Callback.from(() -> { });

    private final Request request;
    private final Response response;
    private final SseStreams streams;
    private final OutboundQueue out;
    /** The response's callback, once the owner ended the stream; completed once. */
    private final AtomicReference<Callback> ending = new AtomicReference<>();
    private volatile Runnable onLost;

    SseWriter(Request request, Response response, SseStreams streams) {
        this.request = request;
        this.response = response;
        this.streams = streams;
        this.out = new OutboundQueue(this::write, streams.maxQueuedBytes(), streams.writeTimeout(), this::failed);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-transform");
        response.getHeaders().put("X-Accel-Buffering", "no");
    }

    /** What to run once the stream is found lost (the client left or stopped reading); at most once. */
    SseWriter onLost(Runnable action) {
        this.onLost = action;
        return this;
    }

    /**
     * Queues one event; {@code id} and {@code event} may be null, {@code data} holds no line breaks.
     *
     * @return {@code false} if the stream is lost
     */
    boolean event(String id, String event, byte[] data) {
        int size = DATA.length + data.length + 2
                + (id == null ? 0 : ID.length + id.length() + 1)
                + (event == null ? 0 : EVENT.length + event.length() + 1);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        if (id != null) {
            buffer.put(ID).put(id.getBytes(StandardCharsets.US_ASCII)).put((byte) '\n');
        }
        if (event != null) {
            buffer.put(EVENT).put(event.getBytes(StandardCharsets.US_ASCII)).put((byte) '\n');
        }
        buffer.put(DATA).put(data).put((byte) '\n').put((byte) '\n');
        return out.offer(buffer.array());
    }

    /**
     * Queues an event that carries only an id and the reconnection delay (2025-11-25's priming event:
     * a client that loses the stream can resume from it).
     */
    boolean priming(String id, long retryMillis) {
        return out.offer(("id: " + id + "\nretry: " + retryMillis + "\ndata: \n\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Queues a comment: keeps intermediaries from timing the stream out, and shows whether the client is there. */
    boolean keepAlive() {
        return out.offer(KEEP_ALIVE);
    }

    /** Whether the stream is lost: a write failed, or the client stopped reading. */
    boolean broken() {
        return out.failed();
    }

    /** Fails the stream if a write has waited longer than the write timeout; the transport's timer calls it. */
    void checkWriteTimeout(long now) {
        out.checkWriteTimeout(now);
    }

    /** Fails the stream if a write has waited for longer than {@code nanos}: the transport is stopping. */
    void endIfStalled(long now, long nanos) {
        out.failIfWritingLongerThan(now, nanos);
    }

    /** Ends the stream: {@code callback} completes once every queued event is out, or fails if the stream is lost. */
    void end(Callback callback) {
        if (!ending.compareAndSet(null, callback)) {
            if (ending.get() == LOST) {
                callback.failed(new IOException("the client closed the stream or stopped reading it"));
            }
            return;
        }
        out.end(() -> {
            streams.closed(this);
            if (ending.compareAndSet(callback, DONE)) {
                response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            }
        });
    }

    private void write(byte[] chunk, OutboundQueue.Completion done) {
        response.write(false, ByteBuffer.wrap(chunk), Callback.from(done::succeeded, done::failed));
    }

    /** The queue failed (on a virtual thread of its own): drop the connection, end the response, tell the owner. */
    private void failed(IOException cause) {
        streams.closed(this);
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        endPoint.close(cause);  // releases a write that waits on the client
        failCallback(cause);
        Runnable action = onLost;
        if (action != null) {
            action.run();
        }
    }

    private void failCallback(IOException cause) {
        Callback callback = ending.getAndUpdate(c -> c == DONE ? DONE : LOST);
        if (callback != null && callback != DONE && callback != LOST) {
            callback.failed(cause);
        }
    }
}
