package dev.keel.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The map behind the in-memory stores: values under string keys, each with a revision and an expiry,
 * at most {@code max} of them. An entry is gone from the moment it expires: every operation treats
 * it as absent and removes it, and a purge of all expired entries runs when the map is full and after
 * every so many writes (a quarter of the map's size, at least 64), so no thread of its own is needed.
 *
 * <p>Revisions come from one counter for the whole map, so an entry that is deleted and written again
 * never repeats a revision a writer may still hold. Thread-safe: one lock, held for a few map
 * operations and never while calling out.
 *
 * @param <V> the values, immutable or copied by the caller
 */
final class ExpiringMap<V> {

    /** A stored value: its revision (above 0) and the instant it expires. */
    record Slot<V>(V value, long revision, Instant expiresAt) {
    }

    private static final int MIN_WRITES_BETWEEN_PURGES = 64;

    private final int max;
    private final InstantSource clock;
    private final String what;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Slot<V>> slots = new HashMap<>();
    private long lastRevision;
    private int writesSincePurge;

    /**
     * @param max the most entries held at once
     * @param clock what tells the time, for expiry
     * @param what what the map holds, for the refusal when it is full ("state store entries")
     */
    ExpiringMap(int max, InstantSource clock, String what) {
        if (max < 1) {
            throw new IllegalArgumentException("an in-memory store needs room for at least one entry, not " + max);
        }
        this.max = max;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.what = what;
    }

    /** The instant {@code ttl} from now. */
    Instant expiry(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a time to live must be positive, was " + ttl);
        }
        return clock.instant().plus(ttl);
    }

    /** The live entry under {@code key}, or {@code null}. */
    Slot<V> get(String key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            return live(key, clock.instant());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes {@code value} if the live entry's revision is {@code expected} (0: there is none);
     * returns the new entry, or {@code null} if the revision differs.
     *
     * @throws IllegalStateException if a new entry would exceed the maximum
     */
    Slot<V> compareAndSet(String key, long expected, V value, Instant expiresAt) {
        lock.lock();
        try {
            Instant now = clock.instant();
            Slot<V> current = live(key, now);
            if ((current == null ? 0 : current.revision()) != expected) {
                return null;
            }
            return write(key, current, value, expiresAt, now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes {@code value} whatever is there; returns the new entry.
     *
     * @throws IllegalStateException if a new entry would exceed the maximum
     */
    Slot<V> put(String key, V value, Instant expiresAt) {
        lock.lock();
        try {
            Instant now = clock.instant();
            return write(key, live(key, now), value, expiresAt, now);
        } finally {
            lock.unlock();
        }
    }

    /** Moves the live entry's expiry to {@code ttl} from now, keeping its revision; {@code false} if there is none. */
    boolean touch(String key, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Instant expiresAt = expiry(ttl);
        lock.lock();
        try {
            Slot<V> current = live(key, clock.instant());
            if (current == null) {
                return false;
            }
            slots.put(key, new Slot<>(current.value(), current.revision(), expiresAt));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the entry; {@code false} if there was no live one. */
    boolean remove(String key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            Slot<V> removed = slots.remove(key);
            return removed != null && clock.instant().isBefore(removed.expiresAt());
        } finally {
            lock.unlock();
        }
    }

    private Slot<V> live(String key, Instant now) {
        Slot<V> slot = slots.get(key);
        if (slot != null && !now.isBefore(slot.expiresAt())) {
            slots.remove(key);
            return null;
        }
        return slot;
    }

    private Slot<V> write(String key, Slot<V> current, V value, Instant expiresAt, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (current == null && slots.size() >= max) {
            purge(now);
            if (slots.size() >= max) {
                throw new IllegalStateException("The in-memory store holds its maximum of " + max + " " + what
                        + "; none has expired");
            }
        }
        Slot<V> slot = new Slot<>(value, ++lastRevision, expiresAt);
        slots.put(key, slot);
        if (++writesSincePurge >= Math.max(MIN_WRITES_BETWEEN_PURGES, slots.size() / 4)) {
            purge(now);
        }
        return slot;
    }

    private void purge(Instant now) {
        writesSincePurge = 0;
        slots.values().removeIf(slot -> !now.isBefore(slot.expiresAt()));
    }
}
