package dev.keel.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link Connection} of newline-delimited JSON over two streams (the stdio framing): each message is
 * written as one line, and each non-empty line read is a message. The reader runs on a virtual thread;
 * sends are serialised. Closing the connection closes the stream to the server; the stream from the
 * server is closed by the reader when it ends (a stdio server ends it once its input is closed).
 */
public final class LineConnection implements Connection {
    private final InputStream in;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Thread reader;

    LineConnection(InputStream in, OutputStream out) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.out = out;
    }

    @Override
    public void start(Consumer<byte[]> onMessage) {
        reader = Thread.ofVirtual().name("keel-client-reader").start(() -> read(onMessage));
    }

    private void read(Consumer<byte[]> onMessage) {
        byte[] buffer = new byte[8192];
        int length = 0;
        try (in) {  // closed once it ends: its descriptor is not left for the garbage collector
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    if (length > 0) {
                        onMessage.accept(Arrays.copyOf(buffer, length));
                    }
                    length = 0;
                } else {
                    if (length == buffer.length) {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    }
                    buffer[length++] = (byte) b;
                }
            }
        } catch (IOException e) {
            // the server went away: the client's pending requests time out or are failed on close
        }
    }

    @Override
    public void send(byte[] message) {
        writeLock.lock();
        try {
            out.write(message);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the server's input is closed", e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Waits for the server's output to end (after {@link #close()}, a stdio server exits). */
    public boolean awaitEndOfStream(Duration timeout) throws InterruptedException {
        return reader == null || reader.join(timeout);
    }
}
