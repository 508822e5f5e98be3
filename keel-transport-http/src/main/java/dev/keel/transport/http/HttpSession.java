package dev.keel.transport.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.keel.core.spi.Channel;
import dev.keel.core.spi.EventStore;

/**
 * A legacy session on Streamable HTTP: its channel (which holds the protocol state), its standalone
 * stream (what GET serves: messages no request owes), the POST streams that may still be resumed, and
 * when it was last used, for the idle TTL and for evicting the oldest idle session when full, and the
 * client that opened it, for the limits per client.
 */
final class HttpSession {

    /** The standalone stream's id; POST streams count up from 1. */
    static final String STANDALONE = "0";
    /** Beyond this many, ended POST streams nobody resumed are forgotten. */
    private static final int MAX_STREAMS = 64;

    /** The session id, once {@code initialize} has opened the session. */
    volatile String id;
    volatile Channel channel;
    /** Who opened the session: what its place counts against ({@link Sessions}). */
    final ClientKey client;
    final LegacyStream standalone;
    private final EventStore store;
    private final Map<String, LegacyStream> streams = new ConcurrentHashMap<>();
    private final AtomicLong nextStream = new AtomicLong();
    /** Handlers of this session's HTTP requests that are running. */
    private final AtomicInteger busy = new AtomicInteger();
    private volatile long lastActive = System.nanoTime();
    private volatile boolean closed;

    HttpSession(EventStore store, ClientKey client) {
        this.store = store;
        this.client = client;
        this.standalone = new LegacyStream(STANDALONE, this, store);
    }

    /** A new POST stream, resumable until its last message is delivered or the session ends. */
    LegacyStream openStream() {
        if (streams.size() >= MAX_STREAMS) {
            streams.values().removeIf(LegacyStream::ended);
        }
        LegacyStream stream = new LegacyStream(Long.toString(nextStream.incrementAndGet()), this, store);
        streams.put(stream.id, stream);
        return stream;
    }

    /** The live stream named {@code streamId}, if it has not ended and been forgotten. */
    LegacyStream stream(String streamId) {
        return STANDALONE.equals(streamId) ? standalone : streams.get(streamId);
    }

    void forget(LegacyStream stream) {
        streams.remove(stream.id, stream);
    }

    void touch() {
        lastActive = System.nanoTime();
    }

    long lastActive() {
        return lastActive;
    }

    void enter() {
        busy.incrementAndGet();
        touch();
    }

    void exit() {
        touch();
        busy.decrementAndGet();
    }

    /** Nothing runs and nobody listens: the session may be evicted. */
    boolean idle() {
        Channel c = channel;
        return busy.get() == 0 && (c == null || c.inFlight() == 0) && !standalone.attached();
    }

    boolean closed() {
        return closed;
    }

    /** Ends the session: cancels what runs, ends its streams and forgets its events. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        Channel c = channel;
        if (c != null) {
            c.close();
        }
        standalone.end();
        streams.values().forEach(LegacyStream::end);
        streams.clear();
        String sessionId = id;
        if (sessionId != null) {
            store.sessionEnded(sessionId);
        }
    }
}
