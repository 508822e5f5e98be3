package dev.keel.transport.stdio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

import dev.keel.core.spi.MessageSink;

/**
 * Writes each message followed by a newline, whole, under a lock, into a buffer flushed when no
 * other message is about to follow: no writer is waiting for the lock, and the reading thread is
 * not in the middle of serving what it read (it flushes when it is done).
 */
final class LineSink implements MessageSink {

    private static final System.Logger LOG = System.getLogger("dev.keel.transport.stdio");

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean broken;
    private boolean holding;
    private boolean unflushed;

    LineSink(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    @Override
    public void send(byte[] message) {
        lock.lock();
        try {
            if (broken) {
                return;
            }
            out.write(message);
            out.write('\n');
            unflushed = true;
            flushUnlessMoreFollows();
        } catch (IOException e) {
            failed(e);
        } finally {
            lock.unlock();
        }
    }

    /** The reading thread starts serving what it read: flushing waits until {@link #release}. */
    void hold() {
        lock.lock();
        try {
            holding = true;
        } finally {
            lock.unlock();
        }
    }

    /** The reading thread is done with what it read: what was written meanwhile goes out. */
    void release() {
        lock.lock();
        try {
            holding = false;
            flushUnlessMoreFollows();
        } catch (IOException e) {
            failed(e);
        } finally {
            lock.unlock();
        }
    }

    /** Flushes what is buffered, unless a message is about to follow: whoever writes it flushes. Under the lock. */
    private void flushUnlessMoreFollows() throws IOException {
        if (unflushed && !broken && !holding && !lock.hasQueuedThreads()) {
            out.flush();
            unflushed = false;
        }
    }

    /** A write failed: the reader is gone, and nothing more is written. Under the lock. */
    private void failed(IOException e) {
        broken = true;
        unflushed = false;
        LOG.log(System.Logger.Level.WARNING, "stdout is closed; dropping further messages: {0}", e.getMessage());
    }

    void close() {
        lock.lock();
        try {
            out.flush();
            out.close();
        } catch (IOException e) {
            // nobody is reading any more
        } finally {
            broken = true;
            lock.unlock();
        }
    }
}
