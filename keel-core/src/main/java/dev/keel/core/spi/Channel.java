package dev.keel.core.spi;

import java.time.Duration;

/**
 * One connection's way into the engine. A transport opens a channel per connection (a stdio process,
 * a WebSocket, a legacy HTTP session) with {@link dev.keel.core.McpServer#openChannel}, feeds it the
 * messages it reads, and closes it when the connection ends.
 *
 * <p>{@link #receive} never blocks on handler work and never throws for bad input: it answers
 * parse errors and invalid requests itself, runs each request on its own virtual thread, and handles
 * notifications in place; {@link #serve} may instead run a request that cannot block on the caller's
 * thread. Thread-safe.
 */
public interface Channel extends AutoCloseable {

    /**
     * Handles one framed message. Messages the request causes (its response, progress and log
     * notifications, legacy server-to-client requests) go to the channel's sink.
     *
     * @param message the bytes of one JSON-RPC message or batch; not to be changed afterwards
     */
    void receive(byte[] message);

    /**
     * Handles one framed message whose response and request-scoped notifications go to
     * {@code replyTo} instead of the channel's sink (an HTTP POST's own response stream, say).
     */
    void receive(byte[] message, MessageSink replyTo);

    /**
     * Handles a message the transport has decoded already (to check it against its own metadata, such
     * as HTTP headers), with answers going to {@code replyTo}.
     */
    void receive(dev.keel.jsonrpc.Decoded message, MessageSink replyTo);

    /**
     * As {@link #receive(dev.keel.jsonrpc.Decoded, MessageSink)}, with attributes of this message only
     * (an HTTP request's headers, say), seen by its requests on top of the channel's own.
     */
    void receive(dev.keel.jsonrpc.Decoded message, MessageSink replyTo,
            java.util.Map<dev.keel.core.CallContext.Key<?>, Object> attributes);

    /**
     * As {@link #receive(dev.keel.jsonrpc.Decoded, MessageSink, java.util.Map)}, but a single request
     * may run on the calling thread, saving the hand-off to a thread of its own: always when
     * {@code mayBlock} (the transport gave this thread to the message alone and it may block, as an
     * HTTP request's virtual thread may), and otherwise when nothing the request passes through can
     * block (every middleware and its handler are declared non-blocking, or the engine answers it by
     * itself). Returns once the request has ended if it ran here, at once if it was handed off.
     * Everything else (notifications, responses, batches, invalid input) is handled as {@code receive}
     * handles it. A server built with an executor of its own runs every request there.
     *
     * <p>The thread's interrupt status is clear on return; a cancellation of the request interrupts it
     * only while it runs the request.
     */
    void serve(dev.keel.jsonrpc.Decoded message, MessageSink replyTo,
            java.util.Map<dev.keel.core.CallContext.Key<?>, Object> attributes, boolean mayBlock);

    /**
     * The id of the legacy session this channel holds, once {@code initialize} has opened one: 128
     * random bits as hex, fit for an {@code Mcp-Session-Id} header.
     */
    java.util.Optional<String> sessionId();

    /** The protocol revision of the channel's legacy session, once {@code initialize} has opened one. */
    java.util.Optional<dev.keel.spec.ProtocolVersion> sessionVersion();

    /**
     * Answers a message the transport refused to buffer because it was {@code size} bytes long, more
     * than its maximum of {@code limit}: an Invalid Request error without an id.
     */
    void rejectTooLarge(long size, long limit);

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
