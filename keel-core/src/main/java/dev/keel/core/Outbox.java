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
    /** Made with the writer, on the first message: most connections (every 2026-07-28 POST) never get one. */
    private volatile LinkedBlockingQueue<byte[]> queue;
    private Thread writer;
    private volatile boolean closed;

    Outbox(MessageSink sink) {
        this.sink = sink;
    }

    void post(byte[] message) {
        if (closed) {
            return;
        }
        LinkedBlockingQueue<byte[]> q = queue;
        if (q == null) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                q = queue;
                if (q == null) {
                    q = new LinkedBlockingQueue<>();
                    queue = q;
                    LinkedBlockingQueue<byte[]> drained = q;
                    writer = Thread.ofVirtual().name("keel-outbox").start(() -> drain(drained));
                }
            }
        }
        q.add(message);
    }

    private void drain(LinkedBlockingQueue<byte[]> q) {
        try {
            while (!closed) {
                sink.send(q.take());
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
        LinkedBlockingQueue<byte[]> q = queue;
        if (q != null) {
            q.clear();
        }
    }
}
