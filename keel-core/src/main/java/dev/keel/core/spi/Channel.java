package dev.keel.core.spi;

import java.time.Duration;
import java.util.Optional;

import dev.keel.spec.ProtocolVersion;

/**
 * The engine's side of one connection (a stdio process, a WebSocket, a legacy HTTP session, a single
 * 2026-07-28 POST), opened with {@link Connector#open}. The transport hands it every message it reads,
 * one {@link Inbound} at a time, and closes it when the connection ends.
 *
 * <p>{@link #receive} never throws for bad input and never waits on handler work unless the message
 * says its thread may ({@link Inbound.Threading#INLINE}): it answers parse errors and invalid requests
 * itself, handles notifications and responses in place, and runs each request on the thread the
 * message's threading allows. Thread-safe.
 */
public interface Channel extends AutoCloseable {

    /**
     * Handles one message. What a request causes (its answer, progress and log notifications, legacy
     * server-to-client requests) goes to the message's {@code replyTo}; with {@link Inbound.Threading#INLINE}
     * or {@link Inbound.Threading#INLINE_IF_NON_BLOCKING} a request that ran on this thread has ended
     * when this returns, and the thread's interrupt status is clear.
     */
    void receive(Inbound message);

    /**
     * The id of the legacy session this channel holds, once {@code initialize} has opened one: 128
     * random bits as hex, fit for an {@code Mcp-Session-Id} header.
     */
    Optional<String> sessionId();

    /** The protocol revision of the channel's legacy session, once {@code initialize} has opened one. */
    Optional<ProtocolVersion> sessionVersion();

    /** How many requests of this channel are running. */
    int inFlight();

    /**
     * Stops taking requests, lets running ones finish for up to {@code grace}, then cancels the rest
     * and waits briefly for their threads to end.
     *
     * @return whether every request finished or ended within the time
     */
    boolean shutdown(Duration grace);

    /** Cancels every running request, ends the channel's session, and stops taking messages. */
    @Override
    void close();
}
