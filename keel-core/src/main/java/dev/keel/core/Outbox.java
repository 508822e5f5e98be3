package dev.keel.core;

import java.util.concurrent.LinkedBlockingQueue;

import dev.keel.core.spi.MessageSink;

/**
 * Messages a connection receives unasked (change notifications), written in the order they were
 * posted by one virtual thread of the connection's own, started on the first message: whoever posts
 * (the event bus) never waits for a slow client.
 */
final class Outbox {

    private final MessageSink sink;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private Thread writer;
    private volatile boolean closed;

    Outbox(MessageSink sink) {
        this.sink = sink;
    }

    void post(byte[] message) {
        if (closed) {
            return;
        }
        queue.add(message);
        synchronized (this) {
            if (writer == null && !closed) {
                writer = Thread.ofVirtual().name("keel-outbox").start(this::drain);
            }
        }
    }

    private void drain() {
        try {
            while (!closed) {
                sink.send(queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        closed = true;
        synchronized (this) {
            if (writer != null) {
                writer.interrupt();
            }
        }
        queue.clear();
    }
}
