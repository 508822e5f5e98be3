package dev.keel.transport.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open legacy sessions of one transport, bounded twice: a session unused for the idle TTL is
 * closed by {@link #sweep}, and when the maximum is reached a new session evicts the one unused the
 * longest among those that are idle (nothing running, nobody listening). Clients that never send
 * DELETE thus cannot exhaust memory. Kept in access order, so both take the oldest first.
 */
final class Sessions {

    private final int max;
    private final long ttlNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, HttpSession> byId = new LinkedHashMap<>(64, 0.75f, true);

    Sessions(int max, long ttlNanos) {
        this.max = max;
        this.ttlNanos = ttlNanos;
    }

    /** The session, marking it used; null if unknown or ended. */
    HttpSession get(String id) {
        lock.lock();
        try {
            return byId.get(id);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a new session would fit: below the maximum, or with an idle session to evict. */
    boolean hasRoom() {
        lock.lock();
        try {
            return byId.size() < max || byId.values().stream().anyMatch(HttpSession::idle);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Registers {@code session}; at the maximum, evicts the session unused the longest among the idle
     * ones, or, should all have turned busy since {@link #hasRoom}, the one unused the longest.
     */
    void add(HttpSession session) {
        HttpSession evicted = null;
        lock.lock();
        try {
            if (byId.size() >= max) {
                for (Iterator<HttpSession> it = byId.values().iterator(); it.hasNext(); ) {
                    HttpSession candidate = it.next();
                    if (candidate.idle()) {
                        it.remove();
                        evicted = candidate;
                        break;
                    }
                }
                if (evicted == null) {
                    Iterator<HttpSession> oldest = byId.values().iterator();
                    evicted = oldest.next();
                    oldest.remove();
                }
            }
            byId.put(session.id, session);
        } finally {
            lock.unlock();
        }
        if (evicted != null) {
            evicted.close();
        }
    }

    /** Removes and returns the session; null if unknown. */
    HttpSession remove(String id) {
        lock.lock();
        try {
            return byId.remove(id);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the sessions that have been idle for longer than the TTL; returns how many. */
    int sweep() {
        long now = System.nanoTime();
        List<HttpSession> expired = new ArrayList<>();
        lock.lock();
        try {
            for (Iterator<HttpSession> it = byId.values().iterator(); it.hasNext(); ) {
                HttpSession session = it.next();
                if (now - session.lastActive() > ttlNanos && session.idle()) {
                    it.remove();
                    expired.add(session);
                }
            }
        } finally {
            lock.unlock();
        }
        expired.forEach(HttpSession::close);
        return expired.size();
    }

    /** The open sessions, which stay open: while draining, their clients' answers must still reach them. */
    List<HttpSession> snapshot() {
        lock.lock();
        try {
            return new ArrayList<>(byId.values());
        } finally {
            lock.unlock();
        }
    }

    /** Removes every session and returns them. */
    List<HttpSession> drain() {
        lock.lock();
        try {
            List<HttpSession> all = new ArrayList<>(byId.values());
            byId.clear();
            return all;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return byId.size();
        } finally {
            lock.unlock();
        }
    }
}
