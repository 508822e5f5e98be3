package dev.keel.core.spi;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/** {@link SessionStore#inMemory}: the records in an {@link ExpiringMap}, which keeps their revisions and expiries. */
final class InMemorySessionStore implements SessionStore {

    private final ExpiringMap<SessionRecord> records;

    InMemorySessionStore(int maxSessions, InstantSource clock) {
        this.records = new ExpiringMap<>(maxSessions, clock, "sessions");
    }

    @Override
    public Optional<SessionRecord> get(String id) {
        return Optional.ofNullable(records.get(Objects.requireNonNull(id, "id"))).map(InMemorySessionStore::record);
    }

    @Override
    public Optional<SessionRecord> create(SessionRecord session) {
        return Optional.ofNullable(records.compareAndSet(session.id(), 0, session, session.expiresAt()))
                .map(InMemorySessionStore::record);
    }

    @Override
    public Optional<SessionRecord> compareAndSet(SessionRecord session) {
        if (session.revision() == 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(records.compareAndSet(session.id(), session.revision(), session, session.expiresAt()))
                .map(InMemorySessionStore::record);
    }

    @Override
    public boolean touch(String id, Instant expiresAt) {
        return records.touch(Objects.requireNonNull(id, "id"), Objects.requireNonNull(expiresAt, "expiresAt"));
    }

    @Override
    public boolean delete(String id) {
        return records.remove(Objects.requireNonNull(id, "id"));
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
