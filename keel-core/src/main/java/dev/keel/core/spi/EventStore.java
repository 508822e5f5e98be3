package dev.keel.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * Where a legacy session's SSE events wait to be resumed
 * (<a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery">resumability</a>):
 * every message written on a legacy stream is appended first, under an id that is unique within the
 * session and names its stream; a client that lost the stream sends the last id it saw as
 * {@code Last-Event-ID} and gets what followed, of that stream only.
 *
 * <p>A transport that keeps legacy streams uses it (the HTTP transport, configured with its builder's
 * {@code eventStore}). The default, {@link #inMemory}, holds a bounded window per stream and per session;
 * a store shared between nodes ({@code keel-redis}) lets any node resume a stream. Implementations are
 * thread-safe, and must pass the test kit's {@code EventStoreContract}.
 */
public interface EventStore {

    /**
     * Appends {@code message} to stream {@code streamId} of session {@code sessionId}.
     *
     * @return the event's id, unique within the session; it must let {@link #after} find the stream
     */
    String append(String sessionId, String streamId, byte[] message);

    /**
     * The events of the stream that {@code lastEventId} belongs to that came after it, oldest first;
     * {@code null} if the id is malformed or names a stream the store no longer holds. Events that fell
     * out of the window are skipped.
     */
    Replay after(String sessionId, String lastEventId);

    /** Forgets what the store holds for a stream whose messages are all delivered. */
    void streamDelivered(String sessionId, String streamId);

    /** Forgets everything of the session. */
    void sessionEnded(String sessionId);

    /**
     * A store in this process's memory, holding at most {@code maxEventsPerSession} events and
     * {@code maxBytesPerSession} bytes of messages per session, whichever is reached first (the oldest
     * events go first).
     */
    static EventStore inMemory(int maxEventsPerSession, long maxBytesPerSession) {
        return inMemory(maxEventsPerSession, maxBytesPerSession, Long.MAX_VALUE);
    }

    /**
     * As {@link #inMemory(int, long)}, holding at most {@code maxBytes} bytes of messages in all. When
     * the store is full, the session holding the most bytes gives up its oldest events first: a client
     * that floods the store shrinks its own window before anyone else's. A client that resumes past a
     * dropped event misses it, as it would an event that aged out of its window.
     *
     * @throws IllegalArgumentException unless every limit is positive
     */
    static EventStore inMemory(int maxEventsPerSession, long maxBytesPerSession, long maxBytes) {
        return new InMemoryEventStore(maxEventsPerSession, maxBytesPerSession, maxBytes);
    }

    /**
     * One stored event.
     *
     * @param id the event's id, unique within its session
     * @param message the message as it was written on the stream
     */
    record Event(String id, byte[] message) {
        /** Checks that both parts are present. */
        public Event {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * What {@link #after} found: the stream the id names and its later events.
     *
     * @param streamId the stream the last seen id belongs to
     * @param events its events after that id, oldest first
     */
    record Replay(String streamId, List<Event> events) {
        /** Checks the stream and copies the events. */
        public Replay {
            Objects.requireNonNull(streamId, "streamId");
            events = List.copyOf(events);
        }
    }
}
