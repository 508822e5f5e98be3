package dev.keel.transport.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The transport's open SSE streams and the limits on what each may hold for a client that reads slowly:
 * the bytes that may wait to be written and how long one write may take. The transport's timer
 * {@linkplain #checkWriteTimeouts checks} them, so that a stalled stream ends on time even when nothing
 * more is written to it.
 */
final class SseStreams {

    private final long maxQueuedBytes;
    private final Duration writeTimeout;
    private final Set<SseWriter> open = ConcurrentHashMap.newKeySet();

    SseStreams(long maxQueuedBytes, Duration writeTimeout) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.writeTimeout = writeTimeout;
    }

    /**
     * Commits {@code response} as an event stream: status 200 and the headers that keep proxies from
     * buffering or caching it. Nothing is written until the first event.
     */
    SseWriter open(Request request, Response response) {
        SseWriter writer = new SseWriter(request, response, this);
        open.add(writer);
        return writer;
    }

    long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    Duration writeTimeout() {
        return writeTimeout;
    }

    void closed(SseWriter writer) {
        open.remove(writer);
    }

    /** Ends every stream whose write under way has waited longer than the write timeout. Never blocks. */
    void checkWriteTimeouts() {
        long now = System.nanoTime();
        for (SseWriter writer : open) {
            writer.checkWriteTimeout(now);
        }
    }

    /**
     * Ends every stream whose write under way has waited longer than {@code patience}: the transport is
     * stopping, and a client that is not reading would otherwise hold the stop up.
     */
    void endStalled(Duration patience) {
        long now = System.nanoTime();
        for (SseWriter writer : open) {
            writer.endIfStalled(now, patience.toNanos());
        }
    }

    /** How many streams are open. */
    int size() {
        return open.size();
    }
}
