package dev.keel.core.spi;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The bytes on their way to one peer (a connection, or one stream of it), written one chunk at a time
 * by an asynchronous {@link Writer}, so that whoever {@linkplain #offer offers} a chunk never waits for
 * the peer. What a transport's {@link MessageSink} is built on.
 *
 * <p>Two limits end a stream whose peer stops reading, instead of letting it hold memory or threads:
 * the bytes waiting behind the chunk being written may not exceed {@code maxQueuedBytes}, and one
 * write may not take longer than {@code writeTimeout} ({@link #checkWriteTimeout}, called by the
 * transport's timer). Either way the queue fails: what waits is dropped, later offers are refused,
 * and the failure action runs once, on a virtual thread of its own, so that it may close the
 * connection and cancel the peer's requests without holding anyone's lock.
 *
 * <p>No lock is held while the writer runs or the failure action is called. A write that completes at
 * once continues the loop on the same thread; one that completes later continues it on the thread that
 * completes it. Thread-safe.
 */
public final class OutboundQueue {

    /** Starts writing one chunk without blocking, and completes {@code done} once it is out or failed. */
    @FunctionalInterface
    public interface Writer {
        void write(byte[] chunk, Completion done);
    }

    /** How a {@link Writer} reports the end of one write; exactly one of the two, once. */
    public interface Completion {
        void succeeded();

        void failed(Throwable cause);
    }

    private final Writer writer;
    private final long maxQueuedBytes;
    private final long writeTimeoutNanos;
    private final Consumer<IOException> onFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    /** The bytes in {@link #queue}, not yet handed to the writer. */
    private long waitingBytes;
    /** The size of the chunk being written, or 0. */
    private long writingBytes;
    private boolean writing;
    /** When the write under way started ({@link System#nanoTime}), or 0 while none is. */
    private long writeStarted;
    private IOException failure;
    private boolean ending;
    private Runnable afterLast;

    /**
     * @param writer writes one chunk asynchronously
     * @param maxQueuedBytes the most bytes that may wait behind the chunk being written (a single larger
     *     chunk is still accepted when nothing waits, so that no message is too big to send)
     * @param writeTimeout the longest one write may take
     * @param onFailure what to do once the queue fails (close the connection, say); called once
     */
    public OutboundQueue(Writer writer, long maxQueuedBytes, Duration writeTimeout, Consumer<IOException> onFailure) {
        this.writer = Objects.requireNonNull(writer, "writer");
        if (maxQueuedBytes <= 0) {
            throw new IllegalArgumentException("maxQueuedBytes must be positive, not " + maxQueuedBytes);
        }
        this.maxQueuedBytes = maxQueuedBytes;
        this.writeTimeoutNanos = Objects.requireNonNull(writeTimeout, "writeTimeout").toNanos();
        if (writeTimeoutNanos <= 0) {
            throw new IllegalArgumentException("writeTimeout must be positive, not " + writeTimeout);
        }
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /**
     * Queues {@code chunk} and starts writing unless a write is under way. Never blocks.
     *
     * @return {@code false} if the chunk was refused: the queue has failed or ended, or is full (which
     *     fails it)
     */
    public boolean offer(byte[] chunk) {
        boolean start;
        boolean overflow = false;
        lock.lock();
        try {
            if (failure != null || ending) {
                return false;
            }
            if (waitingBytes > 0 && waitingBytes + chunk.length > maxQueuedBytes) {
                failLocked(new IOException("the peer is not reading: " + (waitingBytes + chunk.length)
                        + " bytes would wait to be written, more than the limit of " + maxQueuedBytes));
                start = false;
                overflow = true;
            } else {
                queue.add(chunk);
                waitingBytes += chunk.length;
                start = !writing;
                writing = true;
            }
        } finally {
            lock.unlock();
        }
        if (overflow) {
            notifyFailure();
            return false;
        }
        if (start) {
            writeLoop();
        }
        return true;
    }

    /** Writes chunk after chunk while each completes at once; one completed later resumes it. */
    private void writeLoop() {
        while (true) {
            byte[] chunk;
            Runnable last = null;
            lock.lock();
            try {
                chunk = failure != null ? null : queue.poll();
                if (chunk == null) {
                    writing = false;
                    writeStarted = 0;
                    writingBytes = 0;
                    if (failure == null && ending) {
                        last = afterLast;
                        afterLast = null;
                    }
                } else {
                    waitingBytes -= chunk.length;
                    writingBytes = chunk.length;
                    writeStarted = System.nanoTime() | 1;
                }
            } finally {
                lock.unlock();
            }
            if (chunk == null) {
                if (last != null) {
                    last.run();
                }
                return;
            }
            Step step = new Step();
            try {
                writer.write(chunk, step);
            } catch (RuntimeException e) {
                step.failed(e);
            }
            if (!step.continueHere()) {
                return;
            }
        }
    }

    /** One write: continues the loop on whichever thread learns last that it is done. */
    private final class Step implements Completion {
        private static final int PENDING = 0;
        private static final int DONE = 1;
        private static final int LEFT = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        @Override
        public void succeeded() {
            lock.lock();
            try {
                writingBytes = 0;
                writeStarted = 0;
            } finally {
                lock.unlock();
            }
            if (!state.compareAndSet(PENDING, DONE)) {
                writeLoop();  // the loop left this write to us
            }
        }

        @Override
        public void failed(Throwable cause) {
            fail(cause instanceof IOException io ? io : new IOException("writing to the peer failed: " + cause, cause));
            if (!state.compareAndSet(PENDING, DONE)) {
                writeLoop();  // finds the queue failed, and lets go of it
            }
        }

        /** Whether the write completed already, so that the loop goes on here. */
        boolean continueHere() {
            return !state.compareAndSet(PENDING, LEFT);
        }
    }

    /**
     * Runs {@code then} once every chunk offered so far is written (at once if none waits), and refuses
     * further offers. Not run if the queue fails first.
     */
    public void end(Runnable then) {
        boolean now;
        lock.lock();
        try {
            if (failure != null) {
                return;
            }
            ending = true;
            now = !writing;
            if (!now) {
                afterLast = then;
            }
        } finally {
            lock.unlock();
        }
        if (now) {
            then.run();
        }
    }

    /**
     * Fails the queue if the write under way has taken longer than the write timeout at {@code now}
     * ({@link System#nanoTime}).
     *
     * @return whether it failed now
     */
    public boolean checkWriteTimeout(long now) {
        return failIfWritingLongerThan(now, writeTimeoutNanos);
    }

    /**
     * Fails the queue if the write under way started more than {@code nanos} before {@code now}: a
     * transport that stops ends the streams of clients that are not reading, rather than wait for them.
     *
     * @return whether it failed now
     */
    public boolean failIfWritingLongerThan(long now, long nanos) {
        lock.lock();
        try {
            if (failure != null || writeStarted == 0 || now - writeStarted < nanos) {
                return false;
            }
            failLocked(new IOException("the peer is not reading: a write has waited longer than "
                    + Duration.ofNanos(nanos)));
        } finally {
            lock.unlock();
        }
        notifyFailure();
        return true;
    }

    /** Fails the queue with {@code cause} (the connection was lost): what waits is dropped. */
    public void fail(IOException cause) {
        lock.lock();
        try {
            if (failure != null) {
                return;
            }
            failLocked(cause);
        } finally {
            lock.unlock();
        }
        notifyFailure();
    }

    /** Marks the queue failed and drops what waits. Under the lock. */
    private void failLocked(IOException cause) {
        failure = cause;
        queue.clear();
        waitingBytes = 0;
        writingBytes = 0;
        afterLast = null;
    }

    /**
     * Closes the queue without calling the failure action (the owner closed the connection itself):
     * what waits is dropped and later offers are refused.
     */
    public void close() {
        lock.lock();
        try {
            if (failure == null) {
                failLocked(new IOException("the connection is closed"));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the queue has failed. */
    public boolean failed() {
        lock.lock();
        try {
            return failure != null;
        } finally {
            lock.unlock();
        }
    }

    /** The bytes offered and not yet written, the chunk being written included. */
    public long queuedBytes() {
        lock.lock();
        try {
            return waitingBytes + writingBytes;
        } finally {
            lock.unlock();
        }
    }

    private void notifyFailure() {
        IOException cause;
        lock.lock();
        try {
            cause = failure;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("keel-outbound-failed").start(() -> onFailure.accept(cause));
    }
}
