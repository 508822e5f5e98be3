package dev.keel.core.spi;

import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One value of a {@link StateStore}, as read: its key, the JSON it holds, the store's revision of it
 * (hand it back to {@link StateStore#compareAndSet} to write only if nobody wrote since) and when it
 * expires. The value is the reader's own copy: changing it changes nothing in the store.
 *
 * @param key the handle or key
 * @param value the JSON value
 * @param revision the store's revision of the entry, above 0
 * @param expiresAt when the entry expires unless written or touched again
 */
public record StateEntry(String key, JsonNode value, long revision, Instant expiresAt) {

    /** Checks that every field is present and the revision is one a store gives. */
    public StateEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (revision < 1) {
            throw new IllegalArgumentException("a stored entry's revision is above 0, was " + revision);
        }
    }
}
