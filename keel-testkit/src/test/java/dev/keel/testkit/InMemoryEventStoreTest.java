package dev.keel.testkit;

import dev.keel.core.spi.EventStore;

/** The in-memory event store passes the contract every event store passes. */
class InMemoryEventStoreTest extends EventStoreContract {

    @Override
    protected EventStore store(int maxEventsPerSession, long maxBytesPerSession) {
        return EventStore.inMemory(maxEventsPerSession, maxBytesPerSession);
    }
}
