package dev.keel.core.spi;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/** {@link SessionStore#inMemory}: the records in an {@link ExpiringMap}, which keeps their revisions and expiries. */
final class InMemorySessionStore implements SessionStore {

    private final ExpiringMap<SessionRecord> records;

    InMemorySessionStore(int maxSessions, InstantSource clock) {
        this.records = new ExpiringMap<>(maxSessions, clock, "sessions");
    }

    @Override
    public Optional<SessionRecord> get(String id) {
        return Optional.ofNullable(records.get(id)).map(InMemorySessionStore::record);
    }

    @Override
    public Optional<SessionRecord> create(SessionRecord session, Duration ttl) {
        return Optional.ofNullable(records.compareAndSet(session.id(), 0, session, records.expiry(ttl)))
                .map(InMemorySessionStore::record);
    }

    @Override
    public Optional<SessionRecord> compareAndSet(SessionRecord session, Duration ttl) {
        if (session.revision() == 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(records.compareAndSet(session.id(), session.revision(), session, records.expiry(ttl)))
                .map(InMemorySessionStore::record);
    }

    @Override
    public boolean touch(String id, Duration ttl) {
        return records.touch(id, ttl);
    }

    @Override
    public boolean delete(String id) {
        return records.remove(id);
    }

    @Override
    public boolean blocking() {
        return false;
    }

    /** The stored record as the store knows it: its revision, and its expiry as last touched. */
    private static SessionRecord record(ExpiringMap.Slot<SessionRecord> slot) {
        return slot.value().withRevision(slot.revision()).withExpiresAt(slot.expiresAt());
    }
}
