package dev.keel.core.spi;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Where legacy sessions' data lives (<a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle">lifecycle</a>):
 * a {@link SessionRecord} per session, written when {@code initialize} opens it, updated when the
 * client sets its log level or (un)subscribes, and deleted when the connection closes. The engine
 * serves from a copy in the connection and writes every change through, so the store always holds a
 * session's current data: a store shared between nodes ({@code keel-redis}) lets another node learn
 * what a session settled.
 *
 * <p>Writes are compare-and-set on the record's revision, so two writers of one session (two nodes,
 * or two requests) cannot overwrite each other unseen: the loser reads again and reapplies its change.
 * A record expires at its {@link SessionRecord#expiresAt}; the engine {@link #touch touches} a live
 * session before that, so only sessions whose node went away expire.
 *
 * <p>Implementations are thread-safe and must pass the test kit's {@code SessionStoreContract}. The
 * default, {@link #inMemory()}, serves one process.
 */
public interface SessionStore {

    /** A store in this process's memory for at most 100,000 sessions, on the system clock. */
    static SessionStore inMemory() {
        return inMemory(100_000, InstantSource.system());
    }

    /**
     * A store in this process's memory for at most {@code maxSessions} live sessions, telling the time
     * with {@code clock}. Expired records are forgotten as they are met, and all at once when the store
     * is full; a full store refuses a new session.
     */
    static SessionStore inMemory(int maxSessions, InstantSource clock) {
        return new InMemorySessionStore(maxSessions, clock);
    }

    /** The live record of session {@code id}; empty if there is none or it expired. */
    Optional<SessionRecord> get(String id);

    /**
     * Stores a new session's record, whatever revision it carries.
     *
     * @return the stored record with its first revision; empty if a live session has its id already
     * @throws IllegalStateException if the store is full (the message names its limit)
     */
    Optional<SessionRecord> create(SessionRecord session);

    /**
     * Replaces the stored record of {@code session.id()} with {@code session} if the stored revision
     * is still {@code session.revision()}, the one the writer read.
     *
     * @return the stored record with its new revision; empty if the session is gone or another writer
     *     came first (read it again, reapply the change, retry)
     */
    Optional<SessionRecord> compareAndSet(SessionRecord session);

    /**
     * Moves the expiry of session {@code id} to {@code expiresAt}, leaving its data and revision as
     * they are, so touching never conflicts with a writer.
     *
     * @return {@code false} if there is no live session {@code id}
     */
    boolean touch(String id, Instant expiresAt);

    /** Forgets session {@code id}; {@code false} if there was no live one. */
    boolean delete(String id);

    /**
     * Whether a call may wait (on a network, a disk); {@code true} unless an implementation says
     * otherwise. The engine serves requests that write to a blocking store on a thread that may wait,
     * never on a transport's own.
     */
    default boolean blocking() {
        return true;
    }
}
