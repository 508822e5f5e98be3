package dev.keel.transport.http;

/**
 * What one client address may hold of the server at once, so that one client cannot take what the
 * global limits leave for everyone: connections, requests in flight, legacy sessions and open listen
 * streams. A client beyond a limit is refused, the others are served:
 *
 * <ul>
 *   <li>a connection beyond {@link #maxConnections} is closed as it is accepted;
 *   <li>a request beyond {@link #maxInFlight}, and a listen stream beyond {@link #maxListenStreams}, get
 *       429 Too Many Requests with {@code Retry-After} and a JSON-RPC error naming the limit: unlike
 *       503, 429 blames the client, so a load balancer does not take the server for unhealthy when one
 *       client floods it;
 *   <li>a legacy session beyond {@link #maxSessions} evicts that address's own oldest idle session, or,
 *       when all of them are busy, gets 429.
 * </ul>
 *
 * <p>An address is an IPv4 address or an IPv6 /64 network. Behind a reverse proxy every client shares
 * the proxy's address: raise these limits to the global ones there. Counting per principal, once
 * authentication exists, is the next step; connections will stay per address.
 *
 * <pre>{@code
 * HttpTransport.builder().perAddress(PerAddressLimits.builder().maxInFlight(64).build())
 * }</pre>
 */
public final class PerAddressLimits {

    private static final PerAddressLimits DEFAULTS = builder().build();

    private final int maxConnections;
    private final int maxInFlight;
    private final int maxSessions;
    private final int maxListenStreams;

    private PerAddressLimits(Builder builder) {
        this.maxConnections = builder.maxConnections;
        this.maxInFlight = builder.maxInFlight;
        this.maxSessions = builder.maxSessions;
        this.maxListenStreams = builder.maxListenStreams;
    }

    /** The defaults: 1,000 connections, 512 requests in flight, 1,000 sessions and 128 listen streams. */
    public static PerAddressLimits defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The most connections one address may hold open. */
    public int maxConnections() {
        return maxConnections;
    }

    /** The most requests (POSTs) of one address served at once. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** The most legacy sessions one address may hold. */
    public int maxSessions() {
        return maxSessions;
    }

    /**
     * The most listen streams one address may hold open: 2026-07-28 {@code subscriptions/listen}
     * requests, legacy GET streams, and the HTTP+SSE endpoint's streams, together.
     */
    public int maxListenStreams() {
        return maxListenStreams;
    }

    @Override
    public String toString() {
        return "PerAddressLimits[connections=" + maxConnections + ", inFlight=" + maxInFlight + ", sessions="
                + maxSessions + ", listenStreams=" + maxListenStreams + "]";
    }

    /** Builds {@link PerAddressLimits}; every limit starts at its default and must be positive. */
    public static final class Builder {
        private int maxConnections = 1000;
        private int maxInFlight = 512;
        private int maxSessions = 1000;
        private int maxListenStreams = 128;

        private Builder() {
        }

        /** The most connections one address may hold open (further ones are closed as accepted); default 1,000. */
        public Builder maxConnections(int max) {
            this.maxConnections = positive(max, "maxConnections");
            return this;
        }

        /** The most requests of one address served at once (429 with Retry-After beyond); default 512. */
        public Builder maxInFlight(int max) {
            this.maxInFlight = positive(max, "maxInFlight");
            return this;
        }

        /**
         * The most legacy sessions one address may hold; beyond, its own oldest idle session is evicted,
         * or, if none is idle, the new one gets 429. Default 1,000.
         */
        public Builder maxSessions(int max) {
            this.maxSessions = positive(max, "maxSessions");
            return this;
        }

        /** The most listen streams one address may hold open (429 with Retry-After beyond); default 128. */
        public Builder maxListenStreams(int max) {
            this.maxListenStreams = positive(max, "maxListenStreams");
            return this;
        }

        /** The limits. */
        public PerAddressLimits build() {
            return new PerAddressLimits(this);
        }

        private static int positive(int value, String what) {
            if (value <= 0) {
                throw new IllegalArgumentException(what + " must be positive, not " + value);
            }
            return value;
        }
    }
}
