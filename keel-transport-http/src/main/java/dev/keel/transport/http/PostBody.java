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
 * ({@link #readRest}, on a virtual thread, so a slow client never holds a platform thread). What it holds
 * grows with the bytes that arrived, never with the length a client declares.
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

    private static final byte[] NONE = new byte[0];
    /** The least a buffer grows by: a body that dribbles in is not copied for every few bytes. */
    private static final int MIN_BUFFER = 1024;

    private final Request request;
    private final long max;
    /** The most the buffer ever needs: the declared length, else the cap. */
    private final long limit;
    /** What has arrived so far, and room for a little more; nothing is allocated before a byte arrives. */
    private byte[] bytes = NONE;
    private int length;
    private boolean complete;

    PostBody(Request request, long max) {
        this.request = request;
        this.max = max;
        long declared = request.getLength();
        this.limit = declared >= 0 && declared <= max ? declared : max;
    }

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
                // the buffer grows with what arrives, never to what is only declared: a client that declares
                // 4 MiB and sends ten bytes holds 1 KiB; a body that came whole is copied once, at its size
                long grown = Math.min(limit, Math.max(bytes.length * 2L, MIN_BUFFER));
                bytes = Arrays.copyOf(bytes, (int) Math.max(grown, length + (long) n));
            }
            buffer.get(bytes, length, n);
            length += n;
            complete = chunk.isLast();
        } finally {
            chunk.release();
        }
    }
}
