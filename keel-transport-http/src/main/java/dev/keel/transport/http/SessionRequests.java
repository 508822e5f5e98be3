package dev.keel.transport.http;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import dev.keel.core.CallContext;
import dev.keel.core.McpServer;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Inbound;
import dev.keel.core.spi.EventStore;
import dev.keel.jsonrpc.Decoded;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.ProtocolVersion;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * The legacy revisions' sessions on the MCP endpoint: {@code initialize} opens one (its id in
 * {@code Mcp-Session-Id}); a POST with the id is a message within it; GET serves its standalone stream
 * or resumes one of its streams ({@code Last-Event-ID}); DELETE ends it. Without a session id, GET and
 * DELETE answer 405, as a 2026-07-28 server does.
 */
final class SessionRequests {

    private static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String SESSION_ID = HttpRequests.SESSION_ID;

    private final McpServer server;
    private final HttpSettings settings;
    private final Sessions sessions;
    private final SseStreams streams;
    private final HttpAnswers answers;
    /** The listen streams each client holds open, with those of the other paths. */
    private final ClientCounts listens;
    private volatile boolean stopping;

    SessionRequests(McpServer server, HttpSettings settings, Sessions sessions, SseStreams streams, HttpAnswers answers,
            ClientCounts listens) {
        this.server = server;
        this.listens = listens;
        this.settings = settings;
        this.sessions = sessions;
        this.streams = streams;
        this.answers = answers;
    }

    /** Refuses new streams from now on. */
    void stopAccepting() {
        stopping = true;
    }

    /**
     * A legacy initialize: a new session whose standalone stream is the channel's sink, once
     * {@link Sessions#admit} made room for it (429 when this client is at its own cap with no idle
     * session, 503 when the server is full with none this client may evict).
     */
    void initialize(Request request, org.eclipse.jetty.server.Response response,
            Callback callback, Decoded decoded, boolean mayBlock) {
        ClientKey client = ClientKey.of(request);
        Sessions.Admission admission = sessions.admit(client);
        if (admission.refusal() == Sessions.Refusal.CLIENT_FULL) {
            answers.tooMany(response, callback, "Too Many Requests: this client address (" + client + ") holds "
                    + sessions.maxPerClient() + " sessions, the limit per address, and none is idle to make room;"
                    + " end one (DELETE) or retry later");
            return;
        }
        if (admission.refusal() == Sessions.Refusal.SERVER_FULL) {
            answers.unavailable(response, callback, "Service Unavailable: the server holds its maximum of "
                    + sessions.max() + " sessions, and none this client address may evict is idle; retry later");
            return;
        }
        Sessions.Slot slot = admission.slot();
        HttpSession session = new HttpSession(settings.store(), client);
        Channel channel = server.connector().open(session.standalone, HttpRequests.connectionAttributes(request));
        session.channel = channel;
        session.enter();
        Callback finished = AsyncResponses.then(callback, () -> {
            session.exit();
            if (session.id == null) {
                slot.release();
                channel.close();
            }
        });
        PostExchange exchange = new PostExchange(request, response, finished, settings, streams, session, HttpRequests.acceptsEventStream(request), false)
                .sessionHeader(() -> {
                    Optional<String> id = channel.sessionId();
                    if (id.isEmpty()) {
                        return null;
                    }
                    session.id = id.get();
                    slot.register(session);
                    return session.id;
                });
        channel.receive(new Inbound(decoded, exchange, HttpRequests.requestAttributes(request), HttpRequests.threading(mayBlock)));
    }

    /** A message within a legacy session. */
    void post(Request request, org.eclipse.jetty.server.Response response,
            Callback callback, Decoded decoded, String sessionId, String version, boolean mayBlock) {
        HttpSession session = sessions.acquire(sessionId);
        if (session == null || session.closed()) {
            answers.reject(response, session == null ? callback : AsyncResponses.then(callback, session::exit),
                    HttpStatus.NOT_FOUND_404, HttpRequests.requestId(decoded), JsonRpcError.of(
                    JsonRpcError.INVALID_REQUEST, "Session not found: " + sessionId
                            + " is unknown or has ended; initialize a new session"));
            return;
        }
        Callback finished = AsyncResponses.then(callback, session::exit);
        if (version != null && ProtocolVersion.of(version).isEmpty()) {
            answers.reject(response, finished, HttpStatus.BAD_REQUEST_400, HttpRequests.requestId(decoded), JsonRpcError.of(
                    JsonRpcError.INVALID_REQUEST, "Bad Request: unsupported MCP-Protocol-Version '" + version + "'"));
            return;
        }
        Map<CallContext.Key<?>, Object> attributes = HttpRequests.requestAttributes(request);
        if (!HttpRequests.carriesRequest(decoded)) {
            session.channel.receive(new Inbound(decoded, session.standalone, attributes, Inbound.Threading.HAND_OFF));
            HttpAnswers.accepted(response, finished);
            return;
        }
        boolean priming = session.channel.sessionVersion().map(v -> v.atLeast(ProtocolVersion.V2025_11_25))
                .orElse(false);
        PostExchange exchange = new PostExchange(request, response, finished, settings, streams, session, HttpRequests.acceptsEventStream(request),
                priming);
        // a batch's requests run side by side, each on a thread of its own
        session.channel.receive(new Inbound(decoded, exchange, attributes, HttpRequests.threading(mayBlock)));
    }

    void get(Request request, org.eclipse.jetty.server.Response response,
            Callback callback) throws InterruptedException {
        String sessionId = request.getHeaders().get(SESSION_ID);
        if (sessionId == null) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            answers.reject(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, null,
                    "Method Not Allowed: GET opens the stream of a legacy session; send Mcp-Session-Id, or POST");
            return;
        }
        if (stopping) {
            answers.unavailable(response, callback, "Service Unavailable: the server is shutting down");
            return;
        }
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept != null && !accept.contains("text/event-stream") && !accept.contains("*/*")) {
            answers.reject(response, callback, HttpStatus.NOT_ACCEPTABLE_406, null,
                    "Not Acceptable: GET answers with text/event-stream; list it in Accept");
            return;
        }
        HttpSession session = sessions.acquire(sessionId);
        if (session == null || session.closed()) {
            answers.reject(response, session == null ? callback : AsyncResponses.then(callback, session::exit),
                    HttpStatus.NOT_FOUND_404, null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Session not found: " + sessionId + " is unknown or has ended; initialize a new session"));
            return;
        }
        ClientKey client = ClientKey.of(request);  // who holds the stream, wherever the session began
        try {
            if (!listens.tryAcquire(client)) {
                answers.tooMany(response, callback, tooManyStreams(listens, client));
                return;
            }
            try {
                stream(request, response, callback, session);
            } finally {
                listens.release(client);
            }
        } finally {
            session.exit();
        }
    }

    /** The message of a listen stream refused for {@code client}, the same on every path that opens one. */
    static String tooManyStreams(ClientCounts listens, ClientKey client) {
        return "Too Many Requests: this client address (" + client + ") has " + listens.max() + " listen streams open,"
                + " the limit per address; close one first";
    }

    /** Serves the session's standalone stream, or resumes one of its streams, until it ends or is lost. */
    private void stream(Request request, org.eclipse.jetty.server.Response response, Callback callback,
            HttpSession session) throws InterruptedException {
        String lastEventId = request.getHeaders().get(LAST_EVENT_ID);
        boolean priming = session.channel.sessionVersion().map(v -> v.atLeast(ProtocolVersion.V2025_11_25))
                .orElse(false);
        SseWriter writer = streams.open(request, response);
        LegacyStream stream = session.standalone;
        if (lastEventId != null) {
            int dash = lastEventId.lastIndexOf('-');
            stream = dash <= 0 ? null : session.stream(lastEventId.substring(0, dash));
            if (stream == null) {
                replayEnded(session, lastEventId, writer, callback);
                return;
            }
        }
        if (!priming) {
            writer.keepAlive();  // commits the headers: the client sees the stream open at once
        }
        boolean clean = stream.serve(writer, lastEventId, priming, settings.retry().toMillis(), settings.keepAlive());
        if (clean) {
            writer.end(callback);
        } else {
            callback.failed(new IOException("the stream was lost or taken over"));
        }
    }

    /** Resuming a stream that has ended: whatever the store still holds of it, then the end. */
    private void replayEnded(HttpSession session, String lastEventId, SseWriter writer, Callback callback) {
        EventStore.Replay replay = session.id == null ? null : settings.store().after(session.id, lastEventId);
        writer.keepAlive();
        if (replay != null) {
            for (EventStore.Event event : replay.events()) {
                writer.event(event.id(), null, event.message());
            }
        }
        writer.end(callback);
    }

    void delete(Request request, org.eclipse.jetty.server.Response response,
            Callback callback) {
        String sessionId = request.getHeaders().get(SESSION_ID);
        if (sessionId == null) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            answers.reject(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, null,
                    "Method Not Allowed: DELETE ends a legacy session; send its Mcp-Session-Id");
            return;
        }
        HttpSession session = sessions.remove(sessionId);
        if (session == null) {
            answers.reject(response, callback, HttpStatus.NOT_FOUND_404, null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Session not found: " + sessionId + " is unknown or has ended"));
            return;
        }
        session.close();
        response.setStatus(HttpStatus.NO_CONTENT_204);
        callback.succeeded();
    }
}
