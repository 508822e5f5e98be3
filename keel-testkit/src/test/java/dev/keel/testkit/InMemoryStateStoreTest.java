package dev.keel.testkit;

import java.time.InstantSource;

import dev.keel.core.spi.StateStore;

/** The in-memory state store passes the contract every state store passes. */
class InMemoryStateStoreTest extends StateStoreContract {

    @Override
    protected StateStore store(int maxEntries, InstantSource clock) {
        return StateStore.inMemory(maxEntries, clock);
    }
}
