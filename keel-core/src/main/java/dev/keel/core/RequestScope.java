package dev.keel.core;

import java.time.Duration;

import dev.keel.core.spi.SchemaSupport;
import dev.keel.jsonrpc.JsonRpcMessage;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.LoggingMessageNotificationParams;
import dev.keel.spec.McpMethods;
import dev.keel.spec.ProgressNotificationParams;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running request's own scope: its way back to its connection, and what the engine knows of it
 * beyond the protocol. What its handler sends (progress, log messages, questions to the client) goes
 * through here, ordered by the request's {@link InFlight}; the engine's steps keep their per-request
 * state here (a {@code tools/call}'s params read ahead, multi round-trip answers) instead of in fields
 * of the public {@link CallContext}.
 */
final class RequestScope {

    /** What a handler's view reaches beyond its request: the server's schema support, mapper and stores. */
    record Services(SchemaSupport schemas, JsonMapper mapper, Stores stores, Duration clientRequestTimeout) {
    }

    private final ServerChannel channel;
    final InFlight inFlight;
    final Services services;
    /** Whether the request runs on a transport's platform thread, which must not wait for the client. */
    final boolean onTransportThread;
    /** A {@code tools/call}'s params as the channel read them ahead, or null. */
    final ToolCallParams toolCallParams;
    /** Whether the handler may ask the client (tools/call, prompts/get, resources/read). */
    boolean mayAskClient;
    /** The answers of a 2026-07-28 multi round-trip request. */
    InputState input;

    RequestScope(ServerChannel channel, InFlight inFlight, Services services, boolean onTransportThread,
            ToolCallParams toolCallParams) {
        this.channel = channel;
        this.inFlight = inFlight;
        this.services = services;
        this.onTransportThread = onTransportThread;
        this.toolCallParams = toolCallParams;
    }

    /** The connection's legacy session, or null. */
    LegacySession session() {
        return channel.session();
    }

    /** Opens the connection's legacy session; {@code false} if one is open already. */
    boolean openSession(LegacySession session) {
        return channel.openSession(session);
    }

    byte[] encode(JsonRpcMessage message, ProtocolVersion version) {
        return channel.encode(message, version);
    }

    /** Sends a message about the request on its stream (a notification, a question) while it runs. */
    boolean send(JsonRpcMessage message) {
        return inFlight.notify(channel.encode(message, inFlight.version()));
    }

    /** Sends a message no request owes, in order with the connection's other unsolicited messages. */
    void sendUnsolicited(Notification notification, ProtocolVersion version) {
        channel.sendUnsolicited(notification, version);
    }

    /** Sends a progress notification, if the request still runs and {@code progress} has grown. */
    void progress(RequestId token, double progress, Double total, String message) {
        if (inFlight.active()) {
            Notification notification = new Notification(McpMethods.NOTIFICATIONS_PROGRESS,
                    new ProgressNotificationParams(token, progress, total, message, null));
            inFlight.progress(progress, channel.encode(notification, inFlight.version()));
        }
    }

    /** Sends a log message on the request's own stream, while it runs. */
    void log(LoggingLevel level, String logger, Object data) {
        if (inFlight.active()) {
            send(new Notification(McpMethods.NOTIFICATIONS_MESSAGE,
                    new LoggingMessageNotificationParams(level, logger, data, null)));
        }
    }
}
