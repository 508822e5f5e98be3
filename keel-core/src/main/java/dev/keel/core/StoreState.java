package dev.keel.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import dev.keel.core.spi.StateEntry;
import dev.keel.core.spi.StateStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link State} over the server's {@link StateStore}: handles are checked for their form before the
 * store is asked, so no argument reaches a key that is not a handle; a session's values are one JSON
 * object under the session's key, changed by compare-and-set.
 */
final class StoreState implements State {

    private final StateStore store;
    private final Duration sessionTtl;
    /** The legacy session's id, or {@code null}. */
    private final String sessionId;

    StoreState(Stores stores, String sessionId) {
        this.store = stores.state();
        this.sessionTtl = stores.sessionTtl();
        this.sessionId = sessionId;
    }

    @Override
    public String create(JsonNode value, Duration ttl) {
        return store.create(Objects.requireNonNull(value, "value"), ttl);
    }

    @Override
    public Optional<JsonNode> get(String handle) {
        return entry(handle).map(StateEntry::value);
    }

    @Override
    public Optional<StateEntry> entry(String handle) {
        return StateStore.isHandle(handle) ? store.get(handle) : Optional.empty();
    }

    @Override
    public boolean put(String handle, JsonNode value, Duration ttl) {
        Objects.requireNonNull(value, "value");
        return update(handle, old -> value, ttl).isPresent();
    }

    @Override
    public boolean compareAndSet(String handle, long revision, JsonNode value, Duration ttl) {
        Objects.requireNonNull(value, "value");
        // revision 0 would create: a client must not choose its own handle
        return revision > 0 && StateStore.isHandle(handle) && store.compareAndSet(handle, revision, value, ttl).isPresent();
    }

    @Override
    public Optional<JsonNode> update(String handle, UnaryOperator<JsonNode> change, Duration ttl) {
        Objects.requireNonNull(change, "change");
        if (!StateStore.isHandle(handle)) {
            return Optional.empty();
        }
        while (true) {
            Optional<StateEntry> read = store.get(handle);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            JsonNode changed = Objects.requireNonNull(change.apply(read.get().value()), "the change returned null");
            if (store.compareAndSet(handle, read.get().revision(), changed, ttl).isPresent()) {
                return Optional.of(changed);
            }
        }
    }

    @Override
    public boolean delete(String handle) {
        return StateStore.isHandle(handle) && store.delete(handle);
    }

    @Override
    public Optional<SessionValues> session() {
        return sessionId == null ? Optional.empty() : Optional.of(new Values(Stores.sessionValuesKey(sessionId)));
    }

    /** A session's values: one object in the store, extended to the session's time to live by each write. */
    private final class Values implements SessionValues {
        private final String key;

        Values(String key) {
            this.key = key;
        }

        @Override
        public Optional<JsonNode> get(String name) {
            Objects.requireNonNull(name, "key");
            return store.get(key).map(entry -> entry.value().get(name));
        }

        @Override
        public void set(String name, JsonNode value) {
            Objects.requireNonNull(name, "key");
            Objects.requireNonNull(value, "value");
            change(values -> {
                values.set(name, value);
                return true;
            });
        }

        @Override
        public boolean remove(String name) {
            Objects.requireNonNull(name, "key");
            return change(values -> values.remove(name) != null);
        }

        /** Applies {@code change} to the values until the write wins; nothing is written when it returns false. */
        private boolean change(Predicate<ObjectNode> change) {
            while (true) {
                Optional<StateEntry> read = store.get(key);
                ObjectNode values = read.map(entry -> (ObjectNode) entry.value()).orElseGet(Json::emptyObject);
                if (!change.test(values)) {
                    return false;
                }
                long revision = read.map(StateEntry::revision).orElse(0L);
                if (store.compareAndSet(key, revision, values, sessionTtl).isPresent()) {
                    return true;
                }
            }
        }
    }
}
