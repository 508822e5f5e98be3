package dev.keel.core.spi;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * {@link StateStore#inMemory}: the values in an {@link ExpiringMap}. A value is copied on the way in
 * and on the way out, so neither the writer nor a reader can change what is stored.
 */
final class InMemoryStateStore implements StateStore {

    private final ExpiringMap<JsonNode> entries;

    InMemoryStateStore(int maxEntries, InstantSource clock) {
        this.entries = new ExpiringMap<>(maxEntries, clock, "state entries");
    }

    @Override
    public Optional<StateEntry> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(slot -> entry(key, slot));
    }

    @Override
    public StateEntry put(String key, JsonNode value, Duration ttl) {
        return entry(key, entries.put(key, value.deepCopy(), entries.expiry(ttl)));
    }

    @Override
    public Optional<StateEntry> compareAndSet(String key, long expectedRevision, JsonNode value, Duration ttl) {
        return Optional.ofNullable(entries.compareAndSet(key, expectedRevision, value.deepCopy(), entries.expiry(ttl)))
                .map(slot -> entry(key, slot));
    }

    @Override
    public boolean touch(String key, Duration ttl) {
        return entries.touch(key, ttl);
    }

    @Override
    public boolean delete(String key) {
        return entries.remove(key);
    }

    @Override
    public boolean blocking() {
        return false;
    }

    private static StateEntry entry(String key, ExpiringMap.Slot<JsonNode> slot) {
        return new StateEntry(key, slot.value().deepCopy(), slot.revision(), slot.expiresAt());
    }
}
