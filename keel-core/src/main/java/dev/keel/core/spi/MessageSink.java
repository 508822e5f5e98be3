package dev.keel.core.spi;

/**
 * Where a channel writes outgoing messages: one encoded JSON-RPC message (or batch) per call,
 * without framing. Implemented by transports.
 *
 * <p>Threading: called concurrently from the virtual threads of different requests; an
 * implementation serialises its writes so that messages never interleave on the wire. A message
 * that can no longer be delivered (the peer is gone) is dropped; {@code send} does not throw for that.
 */
@FunctionalInterface
public interface MessageSink {

    /** Writes one message. The array is the caller's to give away: the sink may keep it. */
    void send(byte[] message);

    /**
     * Writes the final answer to the request this sink serves, and says how it ended: {@code 0} for a
     * result, else the JSON-RPC error code. A transport that maps answers to its own status codes (HTTP:
     * 404 for an unknown method, 400 for protocol faults) overrides this; by default it is
     * {@link #send}.
     */
    default void answer(byte[] message, int errorCode) {
        send(message);
    }
}
