package dev.keel.core.spi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EventStore#inMemory}: per session, one queue of events in arrival order that enforces the
 * session's budget, and one queue per stream for replay. Ids are {@code <stream>-<sequence>}, the
 * sequence counting the session's events, so ids stay unique even for a stream that was forgotten and
 * written to again.
 */
final class InMemoryEventStore implements EventStore {

    private final int maxEvents;
    private final long maxBytes;
    private final Map<String, SessionLog> sessions = new ConcurrentHashMap<>();

    InMemoryEventStore(int maxEvents, long maxBytes) {
        if (maxEvents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("the event store needs room for at least one event");
        }
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    @Override
    public String append(String sessionId, String streamId, byte[] message) {
        return sessions.computeIfAbsent(sessionId, id -> new SessionLog()).append(streamId, message);
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
        sessions.remove(sessionId);
    }

    /** How many sessions the store holds events for. */
    int sessions() {
        return sessions.size();
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
        private long bytes;
        private long sequence;

        synchronized String append(String streamId, byte[] message) {
            StreamLog stream = streams.computeIfAbsent(streamId, StreamLog::new);
            Stored stored = new Stored(stream, ++sequence, message);
            stream.events.addLast(stored);
            order.addLast(stored);
            bytes += message.length;
            while (order.size() > maxEvents || bytes > maxBytes) {
                Stored oldest = order.pollFirst();
                StreamLog owner = oldest.stream();
                if (!owner.dropped && owner.events.peekFirst() == oldest) {
                    owner.events.pollFirst();
                    bytes -= oldest.message().length;
                    if (owner.events.isEmpty()) {
                        streams.remove(owner.id, owner);
                    }
                }
            }
            return streamId + "-" + stored.sequence();
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
                    bytes -= stored.message().length;
                }
                stream.events.clear();
            }
        }
    }
}
