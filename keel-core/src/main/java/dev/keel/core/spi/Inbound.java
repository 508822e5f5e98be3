package dev.keel.core.spi;

import java.util.Map;
import java.util.Objects;

import dev.keel.core.CallContext;
import dev.keel.jsonrpc.Decoded;

/**
 * One message a transport hands to a {@link Channel}: how every transport enters the engine.
 *
 * @param message what the connector's codec decoded (the one place input becomes messages): a message,
 *     a batch, or the error to answer with
 * @param replyTo where the request's answer and the messages about it go (the connection's sink, or an
 *     HTTP POST's own response)
 * @param attributes what this message carries of its own (an HTTP request's {@code Authorization} and
 *     mirrored headers), seen by its requests on top of the connection's; may be empty
 * @param threading on which thread a request runs
 */
public record Inbound(Decoded message, MessageSink replyTo, Map<CallContext.Key<?>, Object> attributes,
        Threading threading) {

    /** On which thread a request runs. Notifications, responses and invalid input are handled in place. */
    public enum Threading {
        /** On a thread of the engine's: the caller returns at once (a reading loop that must keep reading). */
        HAND_OFF,
        /**
         * On the caller's thread when nothing the request passes through can block (the engine answers it
         * by itself, or its tool is declared non-blocking, and no middleware blocks), saving the hand-off;
         * otherwise handed off. For a transport's platform thread, which must never wait.
         */
        INLINE_IF_NON_BLOCKING,
        /** On the caller's thread, whatever it does: the transport gave this thread to the message alone. */
        INLINE
    }

    public Inbound {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(threading, "threading");
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** A message handed off, answered on {@code replyTo}, with no attributes of its own. */
    public static Inbound of(Decoded message, MessageSink replyTo) {
        return new Inbound(message, replyTo, Map.of(), Threading.HAND_OFF);
    }
}
