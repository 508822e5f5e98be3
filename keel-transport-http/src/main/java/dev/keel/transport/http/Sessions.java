package dev.keel.transport.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open legacy sessions of one transport, bounded three ways: a session unused for the idle TTL is
 * closed by {@link #sweep}; each client address holds at most {@code maxPerClient}; and all of them
 * together at most {@code max}. Clients that never send DELETE thus cannot exhaust memory, and a client
 * that floods {@code initialize} cannot push out anyone else's session:
 *
 * <ul>
 *   <li>a client at its own cap makes room by evicting its own oldest idle session, or is refused;
 *   <li>at the global maximum, the idle session to go is one of the client holding the most sessions
 *       (the oldest of them), among the newcomer itself and the clients holding more than it: a flooder
 *       only ever evicts its own sessions, while anyone else can evict the flooder's;
 *   <li>a busy session (a request running, a stream open) is never evicted: the new one is refused.
 * </ul>
 *
 * <p>Room is taken when {@code initialize} arrives ({@link #admit}), before the session has an id, so
 * that the session always fits when its id is given, and is given back if it never is. Sessions are
 * kept in access order, so the oldest come first. A request takes its session with {@link #acquire},
 * under the same lock as eviction, so a session found idle is never taken away under a request that has
 * just reached it.
 */
final class Sessions {

    /** Why no room was made: the client is at its own cap, or the server at its maximum. */
    enum Refusal { CLIENT_FULL, SERVER_FULL }

    /** Room for one new session, or why there is none. */
    record Admission(Slot slot, Refusal refusal) {
    }

    private final int max;
    private final int maxPerClient;
    private final long ttlNanos;
    private final Refusals refusals;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, HttpSession> byId = new LinkedHashMap<>(64, 0.75f, true);
    /** The sessions each client holds, admitted ones included; an entry goes when its count is zero. */
    private final Map<ClientKey, Integer> perClient = new HashMap<>();
    /** Sessions admitted whose {@code initialize} has not given an id yet. */
    private int admitted;
    private boolean drained;

    Sessions(int max, int maxPerClient, long ttlNanos, Refusals refusals) {
        this.max = max;
        this.maxPerClient = maxPerClient;
        this.ttlNanos = ttlNanos;
        this.refusals = refusals;
    }

    /**
     * The place of one session being opened: counted for its client and in all from {@link #admit} on,
     * until the session is {@linkplain #register registered} or the place {@linkplain #release given back}.
     */
    final class Slot {
        final ClientKey client;
        private boolean settled;

        private Slot(ClientKey client) {
            this.client = client;
        }

        /** The session has its id: it takes this place. */
        void register(HttpSession session) {
            boolean close = false;
            lock.lock();
            try {
                if (settled) {
                    return;
                }
                settled = true;
                admitted--;
                if (drained) {
                    // the transport stopped while initialize ran: the session is not kept
                    forget(client);
                    close = true;
                } else {
                    byId.put(session.id, session);
                }
            } finally {
                lock.unlock();
            }
            if (close) {
                session.close();
            }
        }

        /** The session never got an id: the place is given back. Nothing once it was registered. */
        void release() {
            lock.lock();
            try {
                if (!settled) {
                    settled = true;
                    admitted--;
                    forget(client);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Makes room for a new session of {@code client}, evicting an idle session if it must (see the class
     * comment), or says why it cannot.
     */
    Admission admit(ClientKey client) {
        HttpSession evicted = null;
        Refusal refusal = null;
        lock.lock();
        try {
            int held = perClient.getOrDefault(client, 0);
            if (held >= maxPerClient) {
                evicted = oldestIdleOf(client);
                refusal = evicted == null ? Refusal.CLIENT_FULL : null;
            } else if (byId.size() + admitted >= max) {
                evicted = fairVictim(client, held);
                refusal = evicted == null ? Refusal.SERVER_FULL : null;
            }
            if (refusal == null) {
                if (evicted != null) {
                    byId.remove(evicted.id);
                    forget(evicted.client);
                }
                admitted++;
                perClient.merge(client, 1, Integer::sum);
            }
        } finally {
            lock.unlock();
        }
        if (evicted != null) {
            evicted.close();
        }
        if (refusal == Refusal.CLIENT_FULL) {
            refusals.refused("sessions", maxPerClient, client);
        }
        return refusal == null ? new Admission(new Slot(client), null) : new Admission(null, refusal);
    }

    private HttpSession oldestIdleOf(ClientKey client) {
        for (HttpSession session : byId.values()) {
            if (session.client.equals(client) && session.idle()) {
                return session;
            }
        }
        return null;
    }

    /**
     * The idle session to evict for a new one of {@code client}, which holds {@code held}: of the client
     * that holds the most, among {@code client} itself and those holding more than it; the oldest of
     * that client's. Null when there is none.
     */
    private HttpSession fairVictim(ClientKey client, int held) {
        HttpSession victim = null;
        int victimHolds = -1;
        for (HttpSession session : byId.values()) {
            int holds = perClient.getOrDefault(session.client, 0);
            if (holds > victimHolds && (holds > held || session.client.equals(client)) && session.idle()) {
                victim = session;
                victimHolds = holds;
            }
        }
        return victim;
    }

    private void forget(ClientKey client) {
        perClient.computeIfPresent(client, (key, held) -> held <= 1 ? null : held - 1);
    }

    /** The session, marked used and entered ({@link HttpSession#enter}): the caller must exit it. Null if unknown. */
    HttpSession acquire(String id) {
        lock.lock();
        try {
            HttpSession session = byId.get(id);
            if (session != null) {
                session.enter();
            }
            return session;
        } finally {
            lock.unlock();
        }
    }

    /** The session, without entering it (requests use {@link #acquire}); null if unknown. */
    HttpSession get(String id) {
        lock.lock();
        try {
            return byId.get(id);
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the session; null if unknown. */
    HttpSession remove(String id) {
        lock.lock();
        try {
            HttpSession session = byId.remove(id);
            if (session != null) {
                forget(session.client);
            }
            return session;
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
                    forget(session.client);
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

    /** Removes every session and returns them; sessions registered from now on are closed at once. */
    List<HttpSession> drain() {
        lock.lock();
        try {
            drained = true;
            List<HttpSession> all = new ArrayList<>(byId.values());
            byId.clear();
            perClient.clear();
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

    /** How many sessions {@code client} holds, those being opened included. */
    int heldBy(ClientKey client) {
        lock.lock();
        try {
            return perClient.getOrDefault(client, 0);
        } finally {
            lock.unlock();
        }
    }

    /** How many clients hold a session. */
    int clients() {
        lock.lock();
        try {
            return perClient.size();
        } finally {
            lock.unlock();
        }
    }

    int max() {
        return max;
    }

    int maxPerClient() {
        return maxPerClient;
    }
}
