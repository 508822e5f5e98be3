package dev.keel.transport.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Blocker;

/**
 * Reads one request body, never more than a cap, in two steps: first whatever has arrived, without
 * waiting ({@link #readAvailable}: a small body usually comes with the head, and is then read on the
 * thread that parsed the head); then, only if more is to come, the rest, waiting for it
 * ({@link #readRest}, on a virtual thread, so a slow client never holds a platform thread).
 */
final class PostBody {

    /** The body was longer than the cap; {@code size} is what is known of its length. */
    static final class TooLarge extends IOException {
        final long size;

        TooLarge(long size) {
            super("the request body is larger than allowed", null);
            this.size = size;
        }
    }

    private final Request request;
    private final long max;
    private byte[] bytes;
    private int length;
    private boolean complete;

    PostBody(Request request, long max) {
        this.request = request;
        this.max = max;
        long declared = request.getLength();
        // what has not arrived is not allocated: a client that declares 4 MiB and sends nothing holds 16 KiB
        this.bytes = new byte[(int) Math.min(declared > 0 && declared <= max ? declared : 1024, FIRST_BUFFER)];
    }

    /** The most allocated before any byte has arrived; the buffer then grows with what does. */
    private static final int FIRST_BUFFER = 16 * 1024;

    /**
     * Reads what has arrived without waiting.
     *
     * @return whether the whole body has been read
     * @throws TooLarge as soon as the declared length or the bytes read exceed the cap
     * @throws IOException if the read failed
     */
    boolean readAvailable() throws IOException {
        if (request.getLength() > max) {
            throw new TooLarge(request.getLength());
        }
        while (!complete) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                return false;
            }
            take(chunk);
        }
        return true;
    }

    /**
     * Reads the rest of the body, parking the calling (virtual) thread while no bytes are there.
     *
     * @throws TooLarge as soon as the bytes read exceed the cap
     * @throws IOException if the read fails, as it does for a client that sends too slowly
     */
    void readRest() throws IOException {
        while (!readAvailable()) {
            try (Blocker.Runnable blocker = Blocker.runnable()) {
                request.demand(blocker);
                blocker.block();
            }
        }
    }

    /**
     * Reads and drops what is left of a body that was refused, up to {@code cap} more bytes, so that a
     * client done sending reads the answer. Returns early (the connection is closed anyway) if the body
     * goes on past the cap or the read fails.
     */
    void discardRest(long cap) {
        long dropped = 0;
        while (dropped <= cap) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                try (Blocker.Runnable blocker = Blocker.runnable()) {
                    request.demand(blocker);
                    blocker.block();
                } catch (IOException e) {
                    return;
                }
                continue;
            }
            try {
                if (Content.Chunk.isFailure(chunk) || chunk.isLast()) {
                    return;
                }
                dropped += chunk.getByteBuffer().remaining();
            } finally {
                chunk.release();
            }
        }
    }

    /** The body, once it is complete. The array is the body's alone: the codec may keep slices of it. */
    byte[] bytes() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    private void take(Content.Chunk chunk) throws IOException {
        try {
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (length + (long) n > max) {
                throw new TooLarge(length + (long) n);
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(bytes.length * 2L, length + (long) n)));
            }
            buffer.get(bytes, length, n);
            length += n;
            complete = chunk.isLast();
        } finally {
            chunk.release();
        }
    }
}
