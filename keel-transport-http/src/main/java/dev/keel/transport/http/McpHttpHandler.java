package dev.keel.transport.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.keel.core.CallContext;
import dev.keel.core.McpServer;
import dev.keel.core.MirroredHeaders;
import dev.keel.core.TransportAttributes;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.EventStore;
import dev.keel.jsonrpc.Decoded;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.JsonRpcMessage;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.McpMethods;
import dev.keel.spec.ProtocolVersion;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;

/**
 * The MCP endpoint: both protocol eras on one path
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports">Streamable HTTP</a>).
 *
 * <p>A POST is routed by what it carries: an {@code Mcp-Session-Id} (with no 2026-07-28
 * {@code MCP-Protocol-Version}) goes to its legacy session; a legacy {@code initialize} opens one;
 * everything else is a stateless 2026-07-28 request, served on a channel of its own that lives as long
 * as the POST. GET serves a legacy session's standalone stream or resumes one of its streams; DELETE
 * ends a legacy session; both answer 405 without a session, as a 2026-07-28 server does.
 */
final class McpHttpHandler extends Handler.Abstract {

    static final String SESSION_ID = "Mcp-Session-Id";
    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    private static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String ALLOW = "GET, POST, DELETE, OPTIONS";

    private final McpServer server;
    private final HttpSettings settings;
    private final Sessions sessions;
    private final SseStreams streams;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The channels of running 2026-07-28 requests, for shutdown. */
    private final Set<Channel> requestChannels = ConcurrentHashMap.newKeySet();
    /** The exchanges of running 2026-07-28 requests, for keep-alives. */
    private final Set<PostExchange> live = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    McpHttpHandler(McpServer server, HttpSettings settings, Sessions sessions, SseStreams streams) {
        super(InvocationType.BLOCKING);
        this.streams = streams;
        this.server = server;
        this.settings = settings;
        this.sessions = sessions;
    }

    /**
     * Runs on the thread that parsed the request's head, a platform thread of Jetty's pool: nothing
     * here waits. A POST whose body has arrived is decoded and routed on it, and a request that cannot
     * block is even served on it; a body still on its way, a request whose handler may block, and a
     * GET stream continue on virtual threads. The callback completes when the response does, from
     * whichever thread completes it.
     */
    @Override
    public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
            Callback callback) {
        try {
            String method = request.getMethod();
            if (HttpMethod.POST.is(method)) {
                post(request, response, callback);
            } else if (HttpMethod.GET.is(method)) {
                Exchanges.onVirtualThread(request, response, callback, () -> get(request, response, callback));
            } else if (HttpMethod.DELETE.is(method)) {
                delete(request, response, callback);
            } else if (HttpMethod.OPTIONS.is(method)) {
                preflight(request, response, callback);
            } else {
                response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
                reject(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, null,
                        "Method Not Allowed: the MCP endpoint takes POST, and GET and DELETE for legacy sessions");
            }
        } catch (RuntimeException | Error e) {
            org.eclipse.jetty.server.Response.writeError(request, response, callback, e);
        }
        return true;
    }

    private void preflight(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
            Callback callback) {
        response.setStatus(HttpStatus.NO_CONTENT_204);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, ALLOW);
        String asked = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
        if (asked != null) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, asked);
        }
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        callback.succeeded();
    }

    // ------------------------------------------------------------------ POST

    private void post(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
            Callback done) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            reject(response, done, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, null,
                    "Unsupported Media Type: POST a JSON-RPC message as application/json, not "
                            + (contentType == null ? "a body without Content-Type" : contentType));
            return;
        }
        if (inFlight.incrementAndGet() > settings.maxInFlight()) {
            inFlight.decrementAndGet();
            unavailable(response, done, "Service Unavailable: the server is at its limit of "
                    + settings.maxInFlight() + " requests in flight; retry shortly");
            return;
        }
        // the POST counts as in flight until its response is complete
        Callback callback = Exchanges.then(done, inFlight::decrementAndGet);
        Bodies body = new Bodies(request, settings.maxRequestBytes());
        try {
            if (body.readAvailable()) {
                route(request, response, callback, server.codec().decode(body.bytes()), false);
                return;
            }
        } catch (IOException e) {
            bodyFailed(response, callback, e);
            return;
        }
        // more of the body is on its way: wait for it on a virtual thread, never on a platform one
        Exchanges.onVirtualThread(request, response, callback, () -> {
            try {
                body.readRest();
            } catch (IOException e) {
                bodyFailed(response, callback, e);
                return;
            }
            route(request, response, callback, server.codec().decode(body.bytes()), true);
        });
    }

    private void bodyFailed(org.eclipse.jetty.server.Response response, Callback callback, IOException e) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        if (e instanceof Bodies.TooLarge tooLarge) {
            reject(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, null, "Payload Too Large: the body is "
                    + (tooLarge.size > 0 ? "at least " + tooLarge.size + " bytes" : "too long") + ", more than the limit of "
                    + settings.maxRequestBytes() + " bytes");
        } else {
            reject(response, callback, HttpStatus.REQUEST_TIMEOUT_408, null,
                    "Request Timeout: the body did not arrive in time (" + e.getMessage() + ")");
        }
    }

    /**
     * Routes a decoded POST.
     *
     * @param mayBlock whether this thread may block (a virtual thread), so that any request may run on it
     */
    private void route(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
            Callback callback, Decoded decoded, boolean mayBlock) {
        String sessionId = request.getHeaders().get(SESSION_ID);
        String version = request.getHeaders().get(PROTOCOL_VERSION);
        boolean modernHeader = version != null && ProtocolVersion.of(version).map(ProtocolVersion::isModern).orElse(false);
        if (decoded instanceof Decoded.Invalid invalid) {
            reject(response, callback, HttpStatus.BAD_REQUEST_400, invalid.id(), invalid.error());
            return;
        }
        if (stopping && carriesRequest(decoded)) {
            // while draining, answers and cancellations still get in: running requests may be waiting on them
            unavailable(response, callback, "Service Unavailable: the server is shutting down");
            return;
        }
        if (sessionId != null && !modernHeader) {
            inSession(request, response, callback, decoded, sessionId, version, mayBlock);
        } else if (decoded instanceof Decoded.Message(Request r) && McpMethods.INITIALIZE.equals(r.method())
                && !modernHeader) {
            initialize(request, response, callback, decoded, mayBlock);
        } else {
            stateless(request, response, callback, decoded, mayBlock);
        }
    }

    /** A 2026-07-28 request: a channel of its own, the POST's response as its sink; a lost response cancels it. */
    private void stateless(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
            Callback callback, Decoded decoded, boolean mayBlock) {
        if (decoded instanceof Decoded.Batch) {
            reject(response, callback, HttpStatus.BAD_REQUEST_400, null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are not part of 2026-07-28; POST one message"));
            return;
        }
        JsonRpcMessage message = ((Decoded.Message) decoded).message();
        if (message instanceof Notification) {
            // 2026-07-28 defines no notification a client POSTs that needs a reply; accept and drop
            accepted(response, callback);
            return;
        }
        if (message instanceof Response) {
            reject(response, callback, HttpStatus.BAD_REQUEST_400, null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: a response can only be POSTed within a legacy session (Mcp-Session-Id)"));
            return;
        }
        Exchanges.Later later = new Exchanges.Later();
        PostExchange exchange = new PostExchange(request, response, Exchanges.then(callback, later), settings, streams, null,
                acceptsEventStream(request), false);
        // the channel lives as long as this request: its attributes are the request's, in one map
        Map<CallContext.Key<?>, Object> attributes = connectionAttributes(request);
        addRequestAttributes(request, attributes);
        attributes.put(TransportAttributes.MIRRORED_HEADERS, mirrored(request));
        Channel channel = server.openChannel(exchange, attributes);
        exchange.onLost(channel::close);
        requestChannels.add(channel);
        live.add(exchange);
        later.set(() -> {
            live.remove(exchange);
            // a finished request leaves nothing to cancel; a lost one is cancelled here
            channel.close();
            requestChannels.remove(channel);
        });
        channel.serve(decoded, exchange, null, mayBlock);
    }

    /** A legacy initialize: a new session whose standalone stream is the channel's sink. */
    private void initialize(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
            Callback callback, Decoded decoded, boolean mayBlock) {
        if (!sessions.hasRoom()) {
            unavailable(response, callback, "Service Unavailable: the server holds its maximum of sessions, all busy");
            return;
        }
        HttpSession session = new HttpSession(settings.store());
        Channel channel = server.openChannel(session.standalone, connectionAttributes(request));
        session.channel = channel;
        session.enter();
        Callback finished = Exchanges.then(callback, () -> {
            session.exit();
            if (session.id == null) {
                channel.close();
            }
        });
        PostExchange exchange = new PostExchange(request, response, finished, settings, streams, session, acceptsEventStream(request), false)
                .sessionHeader(() -> {
                    Optional<String> id = channel.sessionId();
                    if (id.isEmpty()) {
                        return null;
                    }
                    session.id = id.get();
                    sessions.add(session);
                    return session.id;
                });
        channel.serve(decoded, exchange, requestAttributes(request), mayBlock);
    }

    /** A message within a legacy session. */
    private void inSession(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
            Callback callback, Decoded decoded, String sessionId, String version, boolean mayBlock) {
        HttpSession session = sessions.get(sessionId);
        if (session == null || session.closed()) {
            reject(response, callback, HttpStatus.NOT_FOUND_404, requestId(decoded), JsonRpcError.of(
                    JsonRpcError.INVALID_REQUEST, "Session not found: " + sessionId
                            + " is unknown or has ended; initialize a new session"));
            return;
        }
        if (version != null && ProtocolVersion.of(version).isEmpty()) {
            reject(response, callback, HttpStatus.BAD_REQUEST_400, requestId(decoded), JsonRpcError.of(
                    JsonRpcError.INVALID_REQUEST, "Bad Request: unsupported MCP-Protocol-Version '" + version + "'"));
            return;
        }
        session.enter();
        Callback finished = Exchanges.then(callback, session::exit);
        Map<CallContext.Key<?>, Object> attributes = requestAttributes(request);
        if (!carriesRequest(decoded)) {
            session.channel.receive(decoded, session.standalone, attributes);
            accepted(response, finished);
            return;
        }
        boolean priming = session.channel.sessionVersion().map(v -> v.atLeast(ProtocolVersion.V2025_11_25))
                .orElse(false);
        PostExchange exchange = new PostExchange(request, response, finished, settings, streams, session, acceptsEventStream(request),
                priming);
        // a batch's requests run side by side, each on a thread of its own
        session.channel.serve(decoded, exchange, attributes, mayBlock);
    }

    private static boolean carriesRequest(Decoded decoded) {
        return switch (decoded) {
            case Decoded.Message m -> m.message() instanceof Request;
            case Decoded.Invalid invalid -> invalid.request();
            case Decoded.Batch batch -> batch.items().stream().anyMatch(McpHttpHandler::carriesRequest);
        };
    }

    private static RequestId requestId(Decoded decoded) {
        return decoded instanceof Decoded.Message(Request r) ? r.id() : null;
    }

    // ------------------------------------------------------------------ GET and DELETE

    private void get(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
            Callback callback) throws InterruptedException {
        String sessionId = request.getHeaders().get(SESSION_ID);
        if (sessionId == null) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            reject(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, null,
                    "Method Not Allowed: GET opens the stream of a legacy session; send Mcp-Session-Id, or POST");
            return;
        }
        if (stopping) {
            unavailable(response, callback, "Service Unavailable: the server is shutting down");
            return;
        }
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept != null && !accept.contains("text/event-stream") && !accept.contains("*/*")) {
            reject(response, callback, HttpStatus.NOT_ACCEPTABLE_406, null,
                    "Not Acceptable: GET answers with text/event-stream; list it in Accept");
            return;
        }
        HttpSession session = sessions.get(sessionId);
        if (session == null || session.closed()) {
            reject(response, callback, HttpStatus.NOT_FOUND_404, null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Session not found: " + sessionId + " is unknown or has ended; initialize a new session"));
            return;
        }
        String lastEventId = request.getHeaders().get(LAST_EVENT_ID);
        boolean priming = session.channel.sessionVersion().map(v -> v.atLeast(ProtocolVersion.V2025_11_25))
                .orElse(false);
        session.enter();
        try {
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
        } finally {
            session.exit();
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

    private void delete(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
            Callback callback) {
        String sessionId = request.getHeaders().get(SESSION_ID);
        if (sessionId == null) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            reject(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, null,
                    "Method Not Allowed: DELETE ends a legacy session; send its Mcp-Session-Id");
            return;
        }
        HttpSession session = sessions.remove(sessionId);
        if (session == null) {
            reject(response, callback, HttpStatus.NOT_FOUND_404, null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Session not found: " + sessionId + " is unknown or has ended"));
            return;
        }
        session.close();
        response.setStatus(HttpStatus.NO_CONTENT_204);
        callback.succeeded();
    }

    // ------------------------------------------------------------------ helpers

    private static boolean acceptsEventStream(org.eclipse.jetty.server.Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept == null || accept.contains("text/event-stream") || accept.contains("*/*");
    }

    private static Map<CallContext.Key<?>, Object> connectionAttributes(org.eclipse.jetty.server.Request request) {
        Map<CallContext.Key<?>, Object> attributes = new HashMap<>();
        attributes.put(TransportAttributes.TRANSPORT, "http");
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet) {
            attributes.put(TransportAttributes.REMOTE_ADDRESS, inet);
        }
        return attributes;
    }

    /** What each message carries of its HTTP request: credentials and origin, checked per request. */
    private static Map<CallContext.Key<?>, Object> requestAttributes(org.eclipse.jetty.server.Request request) {
        Map<CallContext.Key<?>, Object> attributes = new HashMap<>(4);
        addRequestAttributes(request, attributes);
        return attributes;
    }

    private static void addRequestAttributes(org.eclipse.jetty.server.Request request,
            Map<CallContext.Key<?>, Object> attributes) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null) {
            attributes.put(TransportAttributes.AUTHORIZATION, authorization);
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null) {
            attributes.put(TransportAttributes.ORIGIN, origin);
        }
    }

    private static final String PARAM_PREFIX = "mcp-param-";

    /** The mirrored {@code Mcp-*} headers, in one pass over the request's (the first of each wins). */
    private static MirroredHeaders mirrored(org.eclipse.jetty.server.Request request) {
        String version = null;
        String method = null;
        String name = null;
        Map<String, String> params = Map.of();
        for (HttpField field : request.getHeaders()) {
            String header = field.getName();
            if (header.length() < 4 || !header.regionMatches(true, 0, "mcp-", 0, 4)) {
                continue;
            }
            if (header.equalsIgnoreCase(PROTOCOL_VERSION)) {
                version = version == null ? field.getValue() : version;
            } else if (header.equalsIgnoreCase("Mcp-Method")) {
                method = method == null ? field.getValue() : method;
            } else if (header.equalsIgnoreCase("Mcp-Name")) {
                name = name == null ? field.getValue() : name;
            } else if (header.length() > PARAM_PREFIX.length()
                    && header.regionMatches(true, 0, PARAM_PREFIX, 0, PARAM_PREFIX.length())) {
                if (params.isEmpty()) {
                    params = new HashMap<>();
                }
                params.put(header.substring(PARAM_PREFIX.length()).toLowerCase(java.util.Locale.ROOT), field.getValue());
            }
        }
        return new MirroredHeaders(version, method, name, params);
    }

    private static void accepted(org.eclipse.jetty.server.Response response, Callback callback) {
        response.setStatus(HttpStatus.ACCEPTED_202);
        callback.succeeded();
    }

    private void unavailable(org.eclipse.jetty.server.Response response, Callback callback, String message) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, settings.retryAfter().toSeconds())));
        reject(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, null,
                JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, message));
    }

    private void reject(org.eclipse.jetty.server.Response response, Callback callback, int status, RequestId id,
            String message) {
        reject(response, callback, status, id, JsonRpcError.of(JsonRpcError.INVALID_REQUEST, message));
    }

    /** Answers with {@code status} and a JSON-RPC error body (id-less when the request's id is unknown). */
    private void reject(org.eclipse.jetty.server.Response response, Callback callback, int status, RequestId id,
            JsonRpcError error) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(server.codec().encode(Response.failure(id, error))), callback);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Refuses new requests from now on. */
    void stopAccepting() {
        stopping = true;
    }

    Set<Channel> requestChannels() {
        return requestChannels;
    }

    /**
     * Queues a keep-alive comment on every 2026-07-28 exchange that is due one; called by the
     * transport's timer. Never blocks: writing is the streams' own business.
     */
    void keepAlives() {
        long now = System.nanoTime();
        for (PostExchange exchange : live) {
            if (exchange.keepAliveDue(now)) {
                exchange.keepAlive();
            }
        }
    }

    int inFlight() {
        return inFlight.get();
    }
}
