package dev.keel.transport.http;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.keel.core.LogText;

/**
 * The log of per-client refusals, kept from flooding the log it writes to: each limit is logged at most
 * once per client per interval, and, once more clients than {@link #MAX_REMEMBERED} were refused within
 * one interval, the rest are summed up in at most one line per interval. A client's key is escaped
 * ({@link LogText}): an address today, a principal's name once authentication exists.
 */
final class Refusals {

    private static final System.Logger LOG = System.getLogger("dev.keel.transport.http");
    /** The most (limit, client) pairs remembered at once; beyond it, refusals are only counted. */
    static final int MAX_REMEMBERED = 1024;

    /** How often one client's refusal by one limit is logged at most. */
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long intervalNanos = INTERVAL_NANOS;
    private final ReentrantLock lock = new ReentrantLock();
    /** When each (limit, client) pair was last logged. */
    private final Map<Key, Long> logged = new HashMap<>();
    private long overflowLogged;
    private boolean overflowed;
    private int unlogged;

    private record Key(String limit, ClientKey client) {
    }

    /**
     * Notes that {@code client} was refused by {@code limit} (of {@code max}); logs it unless the same
     * pair was logged within the interval.
     */
    void refused(String limit, int max, ClientKey client) {
        long now = System.nanoTime();
        String summary = null;
        boolean log = false;
        lock.lock();
        try {
            Key key = new Key(limit, client);
            Long last = logged.get(key);
            if (last != null && now - last < intervalNanos) {
                return;
            }
            if (last == null && logged.size() >= MAX_REMEMBERED) {
                logged.values().removeIf(at -> now - at >= intervalNanos);
            }
            if (last != null || logged.size() < MAX_REMEMBERED) {
                logged.put(key, now);
                log = true;
            } else {
                unlogged++;
                if (!overflowed || now - overflowLogged >= intervalNanos) {
                    overflowed = true;
                    overflowLogged = now;
                    summary = unlogged + " refusal(s) of more than " + MAX_REMEMBERED + " clients were not logged"
                            + " one by one in the last interval";
                    unlogged = 0;
                }
            }
        } finally {
            lock.unlock();
        }
        if (log) {
            LOG.log(System.Logger.Level.WARNING, "Refused {0}: it is at its limit of {1} {2} per client address"
                    + " (logged once a minute per client)", LogText.of(client), max, limit);
        } else if (summary != null) {
            LOG.log(System.Logger.Level.WARNING, summary);
        }
    }
}
