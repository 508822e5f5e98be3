package dev.keel.testkit;

import java.time.InstantSource;

import dev.keel.core.spi.SessionStore;

/** The in-memory session store passes the contract every session store passes. */
class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore store(int maxSessions, InstantSource clock) {
        return SessionStore.inMemory(maxSessions, clock);
    }
}
