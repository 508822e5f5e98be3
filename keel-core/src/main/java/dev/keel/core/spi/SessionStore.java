package dev.keel.core.spi;

import java.time.Duration;
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
 * A record lives for the time to live its last write or {@link #touch} gave it, counted on the
 * store's own clock (so nodes need not agree on the time); the engine touches a live session well
 * before that, so only sessions whose node went away expire.
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
     * Stores a new session's record for {@code ttl}, whatever revision and expiry it carries.
     *
     * @return the stored record with its first revision and its expiry; empty if a live session has its
     *     id already
     * @throws IllegalArgumentException if {@code ttl} is not positive
     * @throws IllegalStateException if the store is full (the message names its limit)
     */
    Optional<SessionRecord> create(SessionRecord session, Duration ttl);

    /**
     * Replaces the stored record of {@code session.id()} with {@code session}, for {@code ttl} from now,
     * if the stored revision is still {@code session.revision()}, the one the writer read.
     *
     * @return the stored record with its new revision and expiry; empty if the session is gone or
     *     another writer came first (read it again, reapply the change, retry)
     * @throws IllegalArgumentException if {@code ttl} is not positive
     */
    Optional<SessionRecord> compareAndSet(SessionRecord session, Duration ttl);

    /**
     * Extends session {@code id} to {@code ttl} from now, leaving its data and revision as they are, so
     * touching never conflicts with a writer.
     *
     * @return {@code false} if there is no live session {@code id}
     * @throws IllegalArgumentException if {@code ttl} is not positive
     */
    boolean touch(String id, Duration ttl);

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
