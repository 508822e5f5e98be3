package dev.keel.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Blocker;

/** Reads request bodies, never more than a cap. */
final class Bodies {

    private Bodies() {
    }

    /** The body was longer than the cap; {@code size} is what is known of its length. */
    static final class TooLarge extends IOException {
        final long size;

        TooLarge(long size) {
            super("the request body is larger than allowed", null);
            this.size = size;
        }
    }

    /**
     * Reads the whole body on the calling (virtual) thread, parking while no bytes are there.
     *
     * @throws TooLarge as soon as the declared length or the bytes read exceed {@code max}
     * @throws IOException if the read fails, as it does for a client that sends too slowly
     */
    static byte[] read(Request request, long max) throws IOException {
        long declared = request.getLength();
        if (declared > max) {
            throw new TooLarge(declared);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                try (Blocker.Runnable blocker = Blocker.runnable()) {
                    request.demand(blocker);
                    blocker.block();
                }
                continue;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (out.size() + (long) n > max) {
                chunk.release();
                throw new TooLarge(out.size() + (long) n);
            }
            if (buffer.hasArray()) {
                out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
            } else {
                byte[] bytes = new byte[n];
                buffer.get(bytes);
                out.write(bytes, 0, n);
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                return out.toByteArray();
            }
        }
    }
}
