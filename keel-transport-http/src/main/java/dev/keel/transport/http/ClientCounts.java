package dev.keel.transport.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many of one thing (connections, requests in flight, listen streams) each client holds, each
 * capped at the same maximum. A client has an entry only while it holds something: the entry goes when
 * its count returns to zero, so the map never holds more entries than there are things held, which a
 * global limit bounds (connections, requests in flight) or which each end with their connection.
 * Thread-safe; an acquire and a release never wait for another client's.
 */
final class ClientCounts {

    private final String what;
    private final int max;
    private final Refusals refusals;
    private final ConcurrentHashMap<ClientKey, Integer> counts = new ConcurrentHashMap<>();

    /**
     * @param what what is counted, plural, as a refusal names it ({@code "requests in flight"})
     * @param max the most each client may hold
     * @param refusals where refusals are logged
     */
    ClientCounts(String what, int max, Refusals refusals) {
        this.what = what;
        this.max = max;
        this.refusals = refusals;
    }

    /** Counts one more for {@code client}, unless it holds the maximum already (then logs the refusal). */
    boolean tryAcquire(ClientKey client) {
        boolean[] acquired = new boolean[1];
        counts.compute(client, (key, held) -> {
            int n = held == null ? 0 : held;
            if (n >= max) {
                return held;
            }
            acquired[0] = true;
            return n + 1;
        });
        if (!acquired[0]) {
            refusals.refused(what, max, client);
        }
        return acquired[0];
    }

    /** Counts one fewer for {@code client}; its entry goes at zero. */
    void release(ClientKey client) {
        counts.computeIfPresent(client, (key, held) -> held <= 1 ? null : held - 1);
    }

    /** What {@code client} holds now. */
    int count(ClientKey client) {
        return counts.getOrDefault(client, 0);
    }

    /** How many clients hold anything. */
    int clients() {
        return counts.size();
    }

    int max() {
        return max;
    }

    String what() {
        return what;
    }
}
