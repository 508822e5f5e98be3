package dev.keel.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for tests that stands still until told to move: give it to a store, then
 * {@link #advance} it past a time to live instead of sleeping. Thread-safe.
 */
public final class ManualClock implements InstantSource {

    private final AtomicReference<Instant> now;

    /** A clock at 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A clock at {@code start}. */
    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves the clock {@code step} forward (or back, if negative). */
    public void advance(Duration step) {
        Objects.requireNonNull(step, "step");
        now.updateAndGet(t -> t.plus(step));
    }
}
