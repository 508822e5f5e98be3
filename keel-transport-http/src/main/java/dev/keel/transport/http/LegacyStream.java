package dev.keel.transport.http;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.keel.core.spi.EventStore;
import dev.keel.core.spi.MessageSink;

/**
 * One SSE stream of a legacy session: a POST's response stream once it turned into SSE, or the
 * session's standalone stream that GET opens. Every message is appended to the {@link EventStore}
 * before it is written, so that the stream outlives its connection: a client that lost it resumes with
 * GET and {@code Last-Event-ID} and gets what it missed, then what follows (a disconnect is not a
 * cancellation in the legacy revisions). At most one connection is attached at a time; a resumption
 * takes the stream over.
 */
final class LegacyStream implements MessageSink {

    final String id;
    private final HttpSession session;
    private final EventStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The connection the stream is written to now, or null while none is attached. */
    private SseWriter writer;
    /** The id of the last event written to a connection, for a GET that attaches without Last-Event-ID. */
    private String lastWritten;
    private boolean ended;
    /** Whether a priming event went out: once per stream, so that its id stays unique. */
    private boolean primed;

    LegacyStream(String id, HttpSession session, EventStore store) {
        this.id = id;
        this.session = session;
        this.store = store;
    }

    @Override
    public void send(byte[] message) {
        emit(message, false);
    }

    @Override
    public void answer(byte[] message, int errorCode, boolean refused) {
        emit(message, true);
    }

    /** Stores and writes {@code message}; a final one ends the stream. */
    void emit(byte[] message, boolean last) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            String eventId = store.append(session.id, id, message);
            if (writer != null) {
                if (writer.event(eventId, null, message)) {
                    lastWritten = eventId;
                } else {
                    writer = null;
                    changed.signalAll();
                }
            }
            if (last) {
                ended = true;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream without a further message (the session is closing). */
    void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean attached() {
        lock.lock();
        try {
            return writer != null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Serves the stream on {@code connection} until it ends or the connection is lost or taken over:
     * first the events after {@code lastEventId} (or, without one, those no connection received), then
     * live ones; a keep-alive comment whenever it is quiet for {@code keepAlive}.
     *
     * @param priming whether to begin with an event that only carries an id and {@code retryMillis}
     *     (sent on the stream's first connection only, so that no id repeats)
     * @return whether the stream ended while this connection was attached (the response may end cleanly)
     */
    boolean serve(SseWriter connection, String lastEventId, boolean priming, long retryMillis, Duration keepAlive)
            throws InterruptedException {
        lock.lock();
        try {
            if (writer != null) {
                writer = null;  // taken over: the old connection's thread notices and lets go
                changed.signalAll();
            }
            // where the client stands: the id it resumes from, else what an earlier connection got, else nothing
            String after = lastEventId != null ? lastEventId : lastWritten != null ? lastWritten : id + "-0";
            if (priming && !primed) {
                // an id to come back with even if nothing else arrives: the stream's start
                primed = true;
                connection.priming(after, retryMillis);
            }
            EventStore.Replay replay = store.after(session.id, after);
            if (replay != null && replay.streamId().equals(id)) {
                for (EventStore.Event event : replay.events()) {
                    if (!connection.event(event.id(), null, event.message())) {
                        return false;
                    }
                    lastWritten = event.id();
                }
            }
            if (ended) {
                delivered();
                return true;
            }
            writer = connection;
            connection.onLost(() -> lost(connection));
            long wait = keepAlive.toNanos();
            while (writer == connection && !ended) {
                long left = changed.awaitNanos(wait);
                if (left <= 0 && writer == connection && !ended) {
                    wait = keepAlive.toNanos();
                    if (connection.keepAlive()) {
                        session.touch();
                    } else {
                        writer = null;
                    }
                } else {
                    wait = left;
                }
            }
            if (writer == connection) {
                writer = null;
                if (ended) {
                    delivered();
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** {@code connection} was lost (the client left or stopped reading): its thread lets go of the stream. */
    private void lost(SseWriter connection) {
        lock.lock();
        try {
            if (writer == connection) {
                writer = null;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every message reached the client: nothing is left to resume. */
    private void delivered() {
        if (!HttpSession.STANDALONE.equals(id)) {
            store.streamDelivered(session.id, id);
            session.forget(this);
        }
    }

    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** Detaches whatever connection is attached, so that its thread returns (the transport is stopping). */
    void detach() {
        lock.lock();
        try {
            writer = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
