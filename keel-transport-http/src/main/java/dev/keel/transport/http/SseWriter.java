package dev.keel.transport.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * Writes Server-Sent Events to one HTTP response: blocking writes (the caller is a virtual thread),
 * one at a time under a lock so that events never interleave, each flushed as it is written. The
 * first failed write marks the writer broken: for HTTP/1.1 a failed write is the only sign that the
 * client went away, which is why idle streams carry {@code :} comments.
 */
final class SseWriter {

    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Response response;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean broken;
    private volatile boolean ended;

    private SseWriter(Response response) {
        this.response = response;
    }

    /**
     * Commits {@code response} as an event stream: status 200 and the headers that keep proxies from
     * buffering or caching it. Nothing is written until the first event.
     */
    static SseWriter open(Response response) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-transform");
        response.getHeaders().put("X-Accel-Buffering", "no");
        return new SseWriter(response);
    }

    /** Writes one event; {@code id} and {@code event} may be null, {@code data} holds no line breaks. */
    void event(String id, String event, byte[] data) throws IOException {
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
        write(buffer.flip());
    }

    /**
     * Writes an event that carries only an id and the reconnection delay (2025-11-25's priming event:
     * a client that loses the stream can resume from it).
     */
    void priming(String id, long retryMillis) throws IOException {
        write(ByteBuffer.wrap(("id: " + id + "\nretry: " + retryMillis + "\ndata: \n\n")
                .getBytes(StandardCharsets.US_ASCII)));
    }

    /** Writes a comment: keeps intermediaries from timing the stream out, and shows whether the client is there. */
    void keepAlive() throws IOException {
        write(ByteBuffer.wrap(KEEP_ALIVE));
    }

    boolean broken() {
        return broken;
    }

    /** Ends the stream, completing {@code callback} once the last bytes are out. */
    void end(Callback callback) {
        lock.lock();
        try {
            ended = true;
            if (broken) {
                callback.failed(new IOException("the client closed the stream"));
            } else {
                response.write(true, org.eclipse.jetty.util.BufferUtil.EMPTY_BUFFER, callback);
            }
        } finally {
            lock.unlock();
        }
    }

    private void write(ByteBuffer buffer) throws IOException {
        lock.lock();
        try {
            if (broken || ended) {
                throw new IOException("the stream is closed");
            }
            try (Blocker.Callback done = Blocker.callback()) {
                response.write(false, buffer, done);
                done.block();
            } catch (InterruptedIOException e) {
                // a cancelled handler's interrupt; the write itself is abandoned, the stream unusable
                broken = true;
                Thread.currentThread().interrupt();
                throw e;
            } catch (IOException | RuntimeException e) {
                broken = true;
                throw e instanceof IOException io ? io : new IOException(e);
            }
        } finally {
            lock.unlock();
        }
    }
}
