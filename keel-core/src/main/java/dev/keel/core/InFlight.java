package dev.keel.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.keel.core.spi.MessageSink;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.ProtocolVersion;

/**
 * One running request: the thread it runs on, where its messages go, and whether it was cancelled
 * or has answered. Its lock orders everything sent for the request, so that no progress follows
 * the response and nothing at all follows a cancellation.
 */
final class InFlight {

    final RequestId id;
    final String method;
    final MessageSink replyTo;
    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean cancelled;
    private boolean answered;
    private volatile ProtocolVersion version;
    private double lastProgress = Double.NEGATIVE_INFINITY;

    InFlight(RequestId id, String method, MessageSink replyTo) {
        this.id = id;
        this.method = method;
        this.replyTo = replyTo;
    }

    void started(Thread thread) {
        this.thread = thread;
        if (cancelled) {
            thread.interrupt();
        }
    }

    ProtocolVersion version() {
        return version;
    }

    void version(ProtocolVersion version) {
        this.version = version;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Marks the request cancelled and interrupts its handler, unless it has answered already. */
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
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Sends the response unless the request was cancelled; {@code false} if it was dropped. */
    boolean answer(byte[] response, MessageSink sink) {
        lock.lock();
        try {
            if (cancelled || answered) {
                return false;
            }
            answered = true;
            sink.send(response);
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

    /** Sends a progress notification if {@code progress} exceeds the last one and the request still runs. */
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
