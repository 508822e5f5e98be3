package dev.keel.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Inbound;
import dev.keel.core.spi.MessageSink;
import dev.keel.jsonrpc.Decoded;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.JsonRpcMessage;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CancelledNotificationParams;
import dev.keel.spec.McpMethods;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.core.JacksonException;

/**
 * The engine's side of one connection: decodes what arrives, answers bad input, starts each request
 * on its own thread under the per-connection cap, handles notifications in place, and writes
 * whatever the requests produce. Holds the connection's legacy session, if {@code initialize}
 * opened one.
 */
final class ServerChannel implements Channel {

    private static final System.Logger LOG = System.getLogger("dev.keel.core");
    private static final long EXTRA_NANOS_AFTER_CANCEL = Duration.ofSeconds(2).toNanos();

    private final DefaultMcpServer server;
    private final MessageSink sink;
    private final Map<CallContext.Key<?>, Object> transportAttributes;
    /** Running requests by id, until they answer: for cancellation and duplicate ids. */
    private final Map<RequestId, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Running requests until their thread is done, answer sent: what shutdown waits for. */
    private final Set<InFlight> active = ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();
    private final SessionSlot session;
    /** Unsolicited messages (change notifications), written in order by a thread of their own. */
    private final Outbox outbox;
    private volatile boolean accepting = true;
    private volatile boolean closed;

    ServerChannel(DefaultMcpServer server, MessageSink sink, Map<CallContext.Key<?>, Object> transportAttributes) {
        this.server = server;
        this.sink = sink;
        this.transportAttributes = transportAttributes.isEmpty() ? null : Map.copyOf(transportAttributes);
        this.outbox = new Outbox(sink);
        this.session = new SessionSlot(server.events());
    }

    LegacySession session() {
        return session.get();
    }

    /** Opens the legacy session; {@code false} if one is open already. */
    boolean openSession(LegacySession opened) {
        return session.open(opened, notification -> {
            if (!closed) {
                outbox.post(encode(notification, opened.version));
            }
        });
    }

    // ------------------------------------------------------------------ inbound

    @Override
    public void receive(Inbound message) {
        if (closed) {
            return;
        }
        MessageSink replyTo = message.replyTo();
        Map<CallContext.Key<?>, Object> attributes = merge(message.attributes());
        switch (message.message()) {
            case Decoded.Message(Request request) when message.threading() != Inbound.Threading.HAND_OFF
                    && server.runsInline() -> {
                ToolCallParams toolCall = server.readAhead(request);
                boolean inline = message.threading() == Inbound.Threading.INLINE || !server.mayBlock(request, toolCall);
                start(request, replyTo, null, attributes, inline, toolCall);
            }
            case Decoded.Message m -> handle(m.message(), replyTo, null, attributes);
            case Decoded.Invalid invalid -> {
                if (invalid.request()) {
                    LOG.log(System.Logger.Level.DEBUG, "Refusing an invalid request: {0}",
                            LogText.of(invalid.error().message()));
                    replyTo.answer(encode(Response.failure(invalid.id(), invalid.error()), null), invalid.error().code(),
                            true);
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "Ignoring an invalid message that needs no answer: {0}",
                            LogText.of(invalid.error().message()));
                }
            }
            case Decoded.Batch batch -> handleBatch(batch, replyTo, attributes);
        }
    }

    /** The channel's attributes with this message's on top; the channel's own map when there are none. */
    private Map<CallContext.Key<?>, Object> merge(Map<CallContext.Key<?>, Object> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return transportAttributes;
        }
        if (transportAttributes == null) {
            return attributes;
        }
        Map<CallContext.Key<?>, Object> merged = new HashMap<>(transportAttributes);
        merged.putAll(attributes);
        return merged;
    }

    @Override
    public Optional<String> sessionId() {
        return session.current().map(current -> current.id);
    }

    @Override
    public Optional<ProtocolVersion> sessionVersion() {
        return session.current().map(current -> current.version);
    }

    private void handle(JsonRpcMessage message, MessageSink replyTo, Batch batch,
            Map<CallContext.Key<?>, Object> attributes) {
        switch (message) {
            case Request request -> start(request, replyTo, batch, attributes, false, null);
            case Notification notification -> onNotification(notification);
            case Response response -> session.answered(response);
        }
    }

    private void handleBatch(Decoded.Batch decoded, MessageSink replyTo, Map<CallContext.Key<?>, Object> attributes) {
        LegacySession current = session.get();
        if (current == null || !current.version.allowsBatches()) {
            String revision = current == null ? "before a session is initialized" : "in protocol revision "
                    + current.version.id();
            replyTo.answer(encode(Response.failure(null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are accepted only in a 2025-03-26 session, not " + revision)),
                    null), JsonRpcError.INVALID_REQUEST, true);
            return;
        }
        ProtocolVersion version = current.version;
        Batch batch = new Batch(replyTo, all -> server.codec().encodeBatch(all, server.writer(version)));
        for (Decoded item : decoded.items()) {
            switch (item) {
                case Decoded.Message m when m.message() instanceof Request r
                        && McpMethods.INITIALIZE.equals(r.method()) ->
                    batch.add(Response.failure(r.id(), JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                            "Invalid Request: initialize must not be part of a batch")));
                case Decoded.Message m -> handle(m.message(), replyTo, batch, attributes);
                case Decoded.Invalid invalid -> {
                    if (invalid.request()) {
                        batch.add(Response.failure(invalid.id(), invalid.error()));
                    }
                }
                case Decoded.Batch nested -> throw new IllegalStateException("the codec never nests batches");
            }
        }
        batch.sealed();
    }

    /** Starts {@code request} on a thread of its own, or runs it on this one when {@code inline}. */
    private void start(Request request, MessageSink replyTo, Batch batch, Map<CallContext.Key<?>, Object> attributes,
            boolean inline, ToolCallParams toolCall) {
        Response refusal = admit(request);
        if (refusal != null) {
            reply(refusal, replyTo, batch);
            return;
        }
        InFlight f = new InFlight(request.id(), request.method(), replyTo);
        if (inFlight.putIfAbsent(request.id(), f) != null) {
            running.decrementAndGet();
            reply(Response.failure(request.id(), JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: request id " + request.id() + " is already in use by a running request")),
                    replyTo, batch);
            return;
        }
        if (batch != null) {
            batch.expect();
        }
        active.add(f);
        if (inline) {
            run(request, f, batch, attributes, !Thread.currentThread().isVirtual(), toolCall);
            return;
        }
        try {
            server.executor().execute(() -> run(request, f, batch, attributes, false, toolCall));
        } catch (RejectedExecutionException e) {
            finish(f);
            reply(shuttingDown(request.id()), replyTo, batch);
            if (batch != null) {
                batch.dropped();
            }
        }
    }

    /**
     * A refusal for {@code request}, or {@code null} once it has taken a slot. A {@code ping} is never
     * refused: it must be answered promptly whatever the load, and costs nothing.
     */
    private Response admit(Request request) {
        boolean ping = McpMethods.PING.equals(request.method());
        if (!accepting && !ping) {
            return shuttingDown(request.id());
        }
        int max = server.settings().maxInFlightPerChannel();
        if (running.incrementAndGet() > max && !ping) {
            running.decrementAndGet();
            return Response.failure(request.id(), JsonRpcError.of(JsonRpcError.INTERNAL_ERROR,
                    "Server busy: " + max + " requests are already running on this connection; retry later"));
        }
        return null;
    }

    private static Response shuttingDown(RequestId id) {
        return Response.failure(id, JsonRpcError.of(JsonRpcError.INTERNAL_ERROR,
                "The server is shutting down and takes no new requests"));
    }

    private void reply(Response response, MessageSink replyTo, Batch batch) {
        if (batch != null) {
            batch.add(response);
        } else {
            replyTo.answer(encode(response, null), code(response), code(response) != 0);
        }
    }

    /** 0 for a result, else the error code. */
    static int code(Response response) {
        return response instanceof Response.Failure failure ? failure.error().code() : 0;
    }

    private void run(Request request, InFlight f, Batch batch, Map<CallContext.Key<?>, Object> attributes,
            boolean onTransportThread, ToolCallParams toolCall) {
        f.started(Thread.currentThread());
        CallContext context = new CallContext(attributes);
        context.scope = new RequestScope(this, f, server.services(), onTransportThread, toolCall);
        Response response;
        try {
            response = server.chain().proceed(new Call(request.id(), request.method(), request.rawParams(), context));
        } catch (Throwable t) {
            response = Response.failure(request.id(), Failures.toError(t, context.protocolVersion(), request.method()));
        }
        try {
            // a cancellation interrupted the handler, not the write: interruptible channels would close on it
            Thread.interrupted();
            // free the slot and the id before answering: a client that waits for the answer may reuse both
            release(f);
            f.disarm();
            boolean closingListen = f.aborted() && McpMethods.SUBSCRIPTIONS_LISTEN.equals(request.method())
                    && response instanceof Response.Success;
            if (f.aborted() && !closingListen) {
                // stopped by the server, not the client: the client is owed an answer
                response = Response.failure(request.id(), JsonRpcError.of(JsonRpcError.INTERNAL_ERROR,
                        "The server is shutting down; the request was cancelled before it completed"));
            }
            if (batch != null) {
                if (f.answerLater()) {
                    batch.answered(response);
                } else {
                    batch.dropped();
                }
            } else if (f.answer(encode(response, context.protocolVersion()), code(response),
                    response instanceof Response.Failure && context.protocolVersion() == null) && closingListen) {
                // a listen stream the server ends: its closing result, then the cancellation that names it
                f.replyTo.send(encode(new Notification(McpMethods.NOTIFICATIONS_CANCELLED,
                        new CancelledNotificationParams(request.id(), "The server is shutting down", null)),
                        context.protocolVersion()));
            }
        } finally {
            active.remove(f);
            f.finished();
            // no interrupt meant for this request may reach the thread from now on (it may be the transport's)
            f.detach();
            Thread.interrupted();
            if (batch == null && !f.wasAnswered()) {
                // cancelled by the client: no answer will come, and the transport may let the exchange go
                f.replyTo.unanswered();
            }
        }
    }

    private void release(InFlight f) {
        inFlight.remove(f.id, f);
        running.decrementAndGet();
    }

    private void finish(InFlight f) {
        release(f);
        active.remove(f);
        f.finished();
    }

    private void onNotification(Notification notification) {
        switch (notification.method()) {
            case McpMethods.NOTIFICATIONS_CANCELLED -> onCancelled(notification.rawParams());
            case McpMethods.NOTIFICATIONS_INITIALIZED -> session.initialized();
            default -> LOG.log(System.Logger.Level.DEBUG, "Ignoring notification {0}", LogText.of(notification.method()));
        }
    }

    private void onCancelled(RawJson params) {
        if (params == null) {
            return;
        }
        CancelledNotificationParams cancelled;
        try {
            cancelled = params.bind(CancelledNotificationParams.class);
        } catch (JacksonException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "Ignoring a malformed notifications/cancelled: {0}", LogText.of(e.getMessage()));
            return;
        }
        if (cancelled.requestId() == null) {
            return;
        }
        InFlight f = inFlight.get(cancelled.requestId());
        if (f != null && !McpMethods.INITIALIZE.equals(f.method)) {
            LOG.log(System.Logger.Level.DEBUG, "Cancelling request {0} ({1}): {2}", LogText.of(f.id), LogText.of(f.method),
                    LogText.of(cancelled.reason()));
            f.cancel();
        }
    }

    // ------------------------------------------------------------------ outbound

    byte[] encode(JsonRpcMessage message, ProtocolVersion version) {
        return server.codec().encode(message, server.writer(version));
    }

    /** Sends a message no request owes, in order with the connection's other unsolicited messages. */
    void sendUnsolicited(Notification notification, ProtocolVersion version) {
        outbox.post(encode(notification, version));
    }


    // ------------------------------------------------------------------ lifecycle

    @Override
    public int inFlight() {
        return running.get();
    }

    @Override
    public boolean shutdown(Duration grace) {
        accepting = false;
        long deadline = System.nanoTime() + Math.max(0, grace.toNanos());
        if (!awaitAll(deadline)) {
            List<InFlight> remaining = new ArrayList<>(active);
            LOG.log(System.Logger.Level.INFO, "Cancelling {0} request(s) still running after the grace period",
                    remaining.size());
            remaining.forEach(InFlight::abort);
            awaitAll(System.nanoTime() + EXTRA_NANOS_AFTER_CANCEL);
        }
        return active.isEmpty();
    }

    private boolean awaitAll(long deadline) {
        try {
            for (InFlight f : new ArrayList<>(active)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !f.awaitFinished(left)) {
                    return active.isEmpty();
                }
            }
            return active.isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        accepting = false;
        closed = true;
        active.forEach(InFlight::cancel);
        session.close();
        outbox.close();
        server.channelClosed(this);
    }
}
