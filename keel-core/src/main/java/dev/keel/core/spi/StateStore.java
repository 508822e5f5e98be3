package dev.keel.core.spi;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Cross-call state with a time to live: JSON values under string keys. It is how 2026-07-28 servers
 * keep state between stateless calls: a tool {@link #create creates} a handle (an opaque, unguessable
 * id the server mints) holding a value, returns it to the model, and later calls pass it back as an
 * argument. A legacy session's own values live here too, under a key of the engine's that no handle
 * can name. Handlers reach the store through {@code RequestContext.state()}, not directly.
 *
 * <p>Every write gives the entry a new revision, higher than any it had; {@link #compareAndSet} writes
 * only if the revision is still the one the writer read, so concurrent writers on one node or many
 * never lose an update unseen. An entry expires at the end of its time to live unless written or
 * {@link #touch touched} again; from then on it is absent.
 *
 * <p>Implementations are thread-safe and must pass the test kit's {@code StateStoreContract}. The
 * default, {@link #inMemory()}, serves one process; a store shared between nodes ({@code keel-redis})
 * lets any node serve the next call.
 */
public interface StateStore {

    /** A store in this process's memory for at most 10,000 entries, on the system clock. */
    static StateStore inMemory() {
        return inMemory(10_000, InstantSource.system());
    }

    /**
     * A store in this process's memory for at most {@code maxEntries} live entries, telling the time
     * with {@code clock}. Expired entries are forgotten as they are met, and all at once when the store
     * is full; a full store refuses a new entry.
     */
    static StateStore inMemory(int maxEntries, InstantSource clock) {
        return new InMemoryStateStore(maxEntries, clock);
    }

    /** A new handle: {@code st_} and 128 bits of a secure random source as 32 lower-case hex digits. */
    static String newHandle() {
        return Handles.mint();
    }

    /** Whether {@code text} has the form of a handle {@link #newHandle} mints (not whether it is stored). */
    static boolean isHandle(String text) {
        return Handles.wellFormed(text);
    }

    /**
     * Stores {@code value} under a new handle for {@code ttl}.
     *
     * @return the handle, {@link #newHandle() minted} by the server
     * @throws IllegalArgumentException if {@code ttl} is not positive
     * @throws IllegalStateException if the store is full (the message names its limit)
     */
    default String create(JsonNode value, Duration ttl) {
        while (true) {
            String handle = newHandle();
            if (compareAndSet(handle, 0, value, ttl).isPresent()) {
                return handle;
            }
        }
    }

    /** The live entry under {@code key}; empty if there is none or it expired. */
    Optional<StateEntry> get(String key);

    /**
     * Stores {@code value} under {@code key} for {@code ttl}, whatever is there.
     *
     * @return the entry written, with its new revision
     * @throws IllegalArgumentException if {@code ttl} is not positive
     * @throws IllegalStateException if the key is new and the store is full
     */
    StateEntry put(String key, JsonNode value, Duration ttl);

    /**
     * Stores {@code value} under {@code key} for {@code ttl} if the entry's revision is still
     * {@code expectedRevision}; 0 expects no entry at all (a create).
     *
     * @return the entry written, with its new revision; empty if the revision differs (another writer
     *     came first, or the entry is gone or was there already)
     * @throws IllegalArgumentException if {@code ttl} is not positive
     * @throws IllegalStateException if the key is new and the store is full
     */
    Optional<StateEntry> compareAndSet(String key, long expectedRevision, JsonNode value, Duration ttl);

    /**
     * Extends the live entry under {@code key} to {@code ttl} from now, leaving its value and revision.
     *
     * @return {@code false} if there is no live entry
     */
    boolean touch(String key, Duration ttl);

    /** Removes the entry under {@code key}; {@code false} if there was no live one. */
    boolean delete(String key);

    /**
     * Whether a call may wait (on a network, a disk); {@code true} unless an implementation says
     * otherwise. A tool declared non-blocking must not use a store that blocks.
     */
    default boolean blocking() {
        return true;
    }
}

