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
}
