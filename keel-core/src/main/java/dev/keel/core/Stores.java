package dev.keel.core;

import java.time.Duration;

import dev.keel.core.spi.SessionStore;
import dev.keel.core.spi.StateStore;
import dev.keel.jsonrpc.RawJson;

/**
 * Where the engine keeps what outlives a request, as the builder configured it: legacy sessions'
 * records, the state behind handles and sessions' own values, and how long a session lives in them
 * unless it is used.
 */
record Stores(SessionStore sessions, StateStore state, Duration sessionTtl) {

    /** The state store's key for the values of session {@code sessionId}: not a handle, so no argument names it. */
    static String sessionValuesKey(String sessionId) {
        return "session:" + sessionId;
    }

    /** Whether writing a session's data may wait, so that requests that write it need a thread that may. */
    boolean sessionWritesBlock() {
        return sessions.blocking() || state.blocking();
    }

    /** As {@link #sessionWritesBlock}, for a route whose params do not matter. */
    boolean writesBlock(RawJson params) {
        return sessionWritesBlock();
    }
}
