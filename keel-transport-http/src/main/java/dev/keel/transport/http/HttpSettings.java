package dev.keel.transport.http;

import java.time.Duration;
import java.util.Set;

import dev.keel.core.spi.EventStore;

/** The transport's settings, as the builder fixed them. */
record HttpSettings(
        String path,
        OriginPolicy origins,
        /* Host names a request may address, lower-case; null when Host is not checked. */
        Set<String> hosts,
        long maxRequestBytes,
        Duration keepAlive,
        Duration retry,
        int maxInFlight,
        Duration retryAfter,
        EventStore store,
        boolean legacySse,
        String ssePath,
        String messagesPath) {
}
