package dev.keel.core;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.keel.core.spi.StateEntry;
import dev.keel.core.spi.StateStore;
import tools.jackson.databind.JsonNode;

/**
 * The state a handler can reach from its call ({@link RequestContext#state()}), kept in the server's
 * {@link StateStore}:
 * <ul>
 *   <li><b>handles</b>, the 2026-07-28 way to keep state between stateless calls: {@link #create} stores a
 *       JSON value for a time to live under a handle the server mints (opaque and unguessable); the tool
 *       returns it, and later calls pass it back as an argument to {@link #get}, {@link #put},
 *       {@link #update}, {@link #compareAndSet} or {@link #delete} it;
 *   <li>in a legacy session, the <b>session's own values</b> ({@link #session()}), which live as long as
 *       the session.
 * </ul>
 *
 * <pre>{@code
 * String handle = call.state().create(IntNode.valueOf(0), Duration.ofMinutes(30));
 * Optional<JsonNode> total = call.state().update(handle, n -> IntNode.valueOf(n.asInt() + 1), Duration.ofMinutes(30));
 * }</pre>
 *
 * <p>A string that is not a handle the server minted is treated like a handle that expired: whatever a
 * client sends, it reaches only handles. Values are copies: changing one changes nothing stored.
 * Thread-safe; writes to one handle from many calls (on many nodes, with a shared store) never lose an
 * update that {@link #update} or {@link #compareAndSet} made. A call may wait for the store: a tool
 * declared non-blocking should not use state unless the store never blocks (the in-memory default).
 */
public interface State {

    /**
     * Stores {@code value} for {@code ttl} under a new handle, and returns the handle.
     *
     * @throws IllegalArgumentException if {@code ttl} is not positive
     * @throws IllegalStateException if the store is full
     */
    String create(JsonNode value, Duration ttl);

    /** The value behind {@code handle}; empty if it is unknown or expired. */
    Optional<JsonNode> get(String handle);

    /** The value behind {@code handle} with its revision and expiry, for {@link #compareAndSet}; empty if unknown or expired. */
    Optional<StateEntry> entry(String handle);

    /**
     * Replaces the value behind {@code handle} with {@code value} for {@code ttl} from now.
     *
     * @return {@code false} if the handle is unknown or expired (it is not created)
     */
    boolean put(String handle, JsonNode value, Duration ttl);

    /**
     * Replaces the value behind {@code handle} with {@code value} for {@code ttl} from now if its revision
     * is still {@code revision}, the one {@link #entry} read.
     *
     * @return {@code false} if another write came first, or the handle is unknown or expired
     */
    boolean compareAndSet(String handle, long revision, JsonNode value, Duration ttl);

    /**
     * Replaces the value behind {@code handle} with {@code change} applied to it, for {@code ttl} from
     * now; when another write comes first, {@code change} is applied again to that one's value, so no
     * update is lost. {@code change} must not have side effects: it may run more than once.
     *
     * @return the new value; empty if the handle is unknown or expired
     */
    Optional<JsonNode> update(String handle, UnaryOperator<JsonNode> change, Duration ttl);

    /** Removes {@code handle} and its value; {@code false} if it was unknown or expired. */
    boolean delete(String handle);

    /** The legacy session's own values; empty in 2026-07-28, which has no sessions (use handles). */
    Optional<SessionValues> session();

    /**
     * A legacy session's values by key, kept while the session lives and deleted when it ends; in the
     * state store under a key of the engine's, so no handle reaches them. Each call reads or writes the
     * store: concurrent writers of different keys keep each other's values.
     */
    interface SessionValues {

        /** The value under {@code key}; empty if there is none. */
        Optional<JsonNode> get(String key);

        /** Sets {@code key} to {@code value}. */
        void set(String key, JsonNode value);

        /** Removes {@code key}; {@code false} if there was no value. */
        boolean remove(String key);
    }
}
