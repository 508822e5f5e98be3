package dev.keel.core.spi;

/**
 * Where a channel writes outgoing messages: one encoded JSON-RPC message (or batch) per call,
 * without framing. Implemented by transports.
 *
 * <p>Threading: called concurrently from the virtual threads of different requests, from a
 * transport's own threads, and while the engine holds the request's lock (which orders its progress
 * before its answer). So a sink must not wait for the peer: it queues the message and writes it on a
 * thread of its own, or with asynchronous writes ({@link OutboundQueue} does both for you, bounded in
 * bytes and in time), and its messages never interleave on the wire. A message that can no longer be
 * delivered (the peer is gone or not reading) is dropped; {@code send} does not throw for that.
 */
@FunctionalInterface
public interface MessageSink {

    /** Writes one message. The array is the caller's to give away: the sink may keep it. */
    void send(byte[] message);

    /**
     * Writes the final answer to the request this sink serves, and says how it ended. A transport that
     * maps answers to its own status codes (HTTP: 404 for an unknown method, 400 for protocol faults)
     * overrides this; by default it is {@link #send}.
     *
     * @param errorCode {@code 0} for a result, else the JSON-RPC error code
     * @param refused whether the request was turned away before any method saw it: it was malformed,
     *     or its protocol metadata (per-request {@code _meta}, mirrored headers) was missing or wrong.
     *     An {@code -32602} of that kind is a fault of the envelope; one a method raises (an unknown
     *     tool, a bad argument) is not.
     */
    default void answer(byte[] message, int errorCode, boolean refused) {
        send(message);
    }

    /**
     * The request this sink serves has ended without an answer, as a cancelled request does: nothing
     * more will be written for it. A transport that holds an exchange open for the answer (an HTTP
     * POST) ends it here. By default, nothing.
     */
    default void unanswered() {
    }
}
