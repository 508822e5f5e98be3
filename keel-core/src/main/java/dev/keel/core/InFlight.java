package dev.keel.core;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.keel.core.spi.MessageSink;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.ProtocolVersion;

/**
 * One running request: the thread it runs on, where its messages go, and how it ends. Its lock
 * orders everything sent for the request: no progress after the answer, exactly one answer, and
 * nothing at all after the client cancelled.
 *
 * <p>A request ends in one of four ways: it answers; the client cancels it (nothing more is sent);
 * its deadline passes (the handler is interrupted, and the timeout answer goes back up the chain when
 * it returns, or straight to the client if it ignores the interrupt); or the server aborts it while
 * shutting down (the handler is interrupted and an error answer sent).
 */
final class InFlight {

    final RequestId id;
    final String method;
    final MessageSink replyTo;
    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean cancelled;
    private volatile boolean expired;
    private volatile boolean aborted;
    private volatile boolean returned;
    private boolean answered;
    private volatile ProtocolVersion version;
    private double lastProgress = Double.NEGATIVE_INFINITY;
    private volatile Instant deadline;
    private volatile ScheduledFuture<?> timer;

    InFlight(RequestId id, String method, MessageSink replyTo) {
        this.id = id;
        this.method = method;
        this.replyTo = replyTo;
    }

    void started(Thread thread) {
        lock.lock();
        try {
            this.thread = thread;
            if (cancelled || aborted || expired) {
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    ProtocolVersion version() {
        return version;
    }

    void version(ProtocolVersion version) {
        this.version = version;
    }

    /** Whether the handler should stop: cancelled by the client, past its deadline, or aborted. */
    boolean cancelled() {
        return cancelled || expired || aborted;
    }

    /** Whether the server aborted the request while shutting down. */
    boolean aborted() {
        return aborted;
    }

    Instant deadline() {
        return deadline;
    }

    /** Arms the request's deadline: {@code timer} calls {@link #expire} when the time is up. */
    void deadline(Instant at, ScheduledFuture<?> timer) {
        this.deadline = at;
        this.timer = timer;
    }

    /** Disarms the deadline, if one was armed. */
    void disarm() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** The client cancelled: nothing more is sent, and the handler is interrupted. */
    void cancel() {
        lock.lock();
        try {
            if (answered || cancelled) {
                return;
            }
            cancelled = true;
        } finally {
            lock.unlock();
        }
        interrupt();
    }

    /** The server stops the request (shutdown): the handler is interrupted; the caller answers it. */
    void abort() {
        lock.lock();
        try {
            if (answered || cancelled) {
                return;
            }
            aborted = true;
        } finally {
            lock.unlock();
        }
        interrupt();
    }

    /** The deadline passed: the handler is interrupted; {@code false} if the request had ended already. */
    boolean expire() {
        lock.lock();
        try {
            if (cancelled || answered || aborted || returned) {
                return false;
            }
            expired = true;
        } finally {
            lock.unlock();
        }
        interrupt();
        return true;
    }

    /** Whether the deadline passed while the request ran. */
    boolean expired() {
        return expired;
    }

    /** The handler has returned (the chain has its response). */
    void returned() {
        returned = true;
    }

    /** Whether the handler has returned. */
    boolean hasReturned() {
        return returned;
    }

    /** Interrupts the request's thread while it runs the request; under the lock, so never after {@link #detach}. */
    private void interrupt() {
        lock.lock();
        try {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The request's thread is done with it: no cancellation, deadline or abort interrupts it from now
     * on. A request may run on a thread that outlives it (an HTTP request's), which must not be
     * interrupted for a request it has finished.
     */
    void detach() {
        lock.lock();
        try {
            thread = null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether an answer went out (or into a batch). */
    boolean wasAnswered() {
        lock.lock();
        try {
            return answered;
        } finally {
            lock.unlock();
        }
    }

    /** Sends the answer unless the request was cancelled or answered; {@code false} if dropped. */
    boolean answer(byte[] response, int errorCode, boolean refused) {
        lock.lock();
        try {
            if (cancelled || answered) {
                return false;
            }
            answered = true;
            replyTo.answer(response, errorCode, refused);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the request answered without sending (its answer goes into a batch). */
    boolean answerLater() {
        lock.lock();
        try {
            if (cancelled || answered) {
                return false;
            }
            answered = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a notification about the request (progress: only if {@code progress} has grown). */
    boolean progress(double progress, byte[] notification) {
        lock.lock();
        try {
            if (answered || cancelled || !(progress > lastProgress)) {
                return false;
            }
            lastProgress = progress;
            replyTo.send(notification);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a notification about the request (a log message) while it runs. */
    boolean notify(byte[] notification) {
        lock.lock();
        try {
            if (answered || cancelled) {
                return false;
            }
            replyTo.send(notification);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the request may still send messages. */
    boolean active() {
        return !answered && !cancelled;
    }

    void finished() {
        finished.countDown();
    }

    boolean awaitFinished(long nanos) throws InterruptedException {
        return finished.await(nanos, TimeUnit.NANOSECONDS);
    }
}
