package dev.keel.core.spi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link EventStore#inMemory}: per session, one queue of events in arrival order that enforces the
 * session's budget, and one queue per stream for replay; over the store's budget, the session that
 * holds the most bytes drops its oldest events first. Ids are {@code <stream>-<sequence>}, the
 * sequence counting the session's events, so ids stay unique even for a stream that was forgotten and
 * written to again.
 */
final class InMemoryEventStore implements EventStore {

    private final int maxEvents;
    private final long maxBytes;
    private final long maxTotalBytes;
    /** The bytes of messages held for all sessions. */
    private final AtomicLong totalBytes = new AtomicLong();
    private final Map<String, SessionLog> sessions = new ConcurrentHashMap<>();

    InMemoryEventStore(int maxEvents, long maxBytes, long maxTotalBytes) {
        if (maxEvents < 1 || maxBytes < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("the event store needs room for at least one event");
        }
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    @Override
    public String append(String sessionId, String streamId, byte[] message) {
        String id = sessions.computeIfAbsent(sessionId, key -> new SessionLog()).append(streamId, message);
        // over the store's budget: the session holding the most gives up its oldest events, one at a time,
        // each under its own lock only (never two at once, so appends cannot deadlock)
        while (totalBytes.get() > maxTotalBytes) {
            SessionLog largest = null;
            for (SessionLog log : sessions.values()) {
                if (largest == null || log.bytes > largest.bytes) {
                    largest = log;
                }
            }
            if (largest == null || !largest.dropOldest()) {
                break;
            }
        }
        return id;
    }

    @Override
    public Replay after(String sessionId, String lastEventId) {
        SessionLog log = sessions.get(sessionId);
        int dash = lastEventId.lastIndexOf('-');
        if (log == null || dash <= 0) {
            return null;
        }
        long sequence;
        try {
            sequence = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        return log.after(lastEventId.substring(0, dash), sequence);
    }

    @Override
    public void streamDelivered(String sessionId, String streamId) {
        SessionLog log = sessions.get(sessionId);
        if (log != null) {
            log.drop(streamId);
        }
    }

    @Override
    public void sessionEnded(String sessionId) {
        SessionLog log = sessions.remove(sessionId);
        if (log != null) {
            log.clear();
        }
    }

    /** How many sessions the store holds events for. */
    int sessions() {
        return sessions.size();
    }

    /** The bytes of messages held for all sessions. */
    long totalBytes() {
        return totalBytes.get();
    }

    private record Stored(StreamLog stream, long sequence, byte[] message) {
    }

    private static final class StreamLog {
        final String id;
        final ArrayDeque<Stored> events = new ArrayDeque<>();
        boolean dropped;

        StreamLog(String id) {
            this.id = id;
        }
    }

    private final class SessionLog {
        private final Map<String, StreamLog> streams = new HashMap<>();
        /** Every stored event, oldest first; entries of dropped streams linger until they reach the head. */
        private final ArrayDeque<Stored> order = new ArrayDeque<>();
        /** Written under the log's lock; read without it to find the largest session. */
        private volatile long bytes;
        private long sequence;
        private boolean ended;

        synchronized String append(String streamId, byte[] message) {
            if (ended) {
                // the session ended while this was written: nothing will resume it
                return streamId + "-" + (++sequence);
            }
            StreamLog stream = streams.computeIfAbsent(streamId, StreamLog::new);
            Stored stored = new Stored(stream, ++sequence, message);
            stream.events.addLast(stored);
            order.addLast(stored);
            count(message.length);
            boolean over = order.size() > maxEvents || bytes > maxBytes;
            while (over && dropOldest()) {
                over = order.size() > maxEvents || bytes > maxBytes;
            }
            return streamId + "-" + stored.sequence();
        }

        /** Drops the session's oldest stored event; {@code false} if it holds none. */
        synchronized boolean dropOldest() {
            Stored oldest;
            while ((oldest = order.pollFirst()) != null) {
                StreamLog owner = oldest.stream();
                // an entry of a dropped stream, already uncounted, lingers until it reaches the head
                if (!owner.dropped && owner.events.peekFirst() == oldest) {
                    owner.events.pollFirst();
                    count(-oldest.message().length);
                    if (owner.events.isEmpty()) {
                        streams.remove(owner.id, owner);
                    }
                    return true;
                }
            }
            return false;
        }

        private void count(long delta) {
            bytes += delta;
            totalBytes.addAndGet(delta);
        }

        /** Forgets every event, and every later one: the session ended. */
        synchronized void clear() {
            ended = true;
            totalBytes.addAndGet(-bytes);
            bytes = 0;
            streams.clear();
            order.clear();
        }

        synchronized Replay after(String streamId, long lastSeen) {
            if (lastSeen > sequence) {
                return null;
            }
            StreamLog stream = streams.get(streamId);
            List<Event> events = new ArrayList<>();
            for (Stored stored : stream == null ? List.<Stored>of() : stream.events) {
                if (stored.sequence() > lastSeen) {
                    events.add(new Event(streamId + "-" + stored.sequence(), stored.message()));
                }
            }
            return new Replay(streamId, events);
        }

        synchronized void drop(String streamId) {
            StreamLog stream = streams.remove(streamId);
            if (stream != null) {
                stream.dropped = true;
                for (Stored stored : stream.events) {
                    count(-stored.message().length);
                }
                stream.events.clear();
            }
        }
    }
}
