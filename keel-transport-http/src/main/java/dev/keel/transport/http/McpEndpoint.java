package dev.keel.transport.http;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import dev.keel.core.McpServer;
import dev.keel.core.spi.Channel;
import dev.keel.jsonrpc.Decoded;
import dev.keel.spec.ProtocolVersion;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * The MCP endpoint: both protocol eras on one path
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports">Streamable HTTP</a>).
 * It reads a POST's body and routes the message by what it carries: an {@code Mcp-Session-Id} (with no
 * 2026-07-28 {@code MCP-Protocol-Version}) goes to its legacy session and a legacy {@code initialize}
 * opens one ({@link SessionRequests}); everything else is a stateless 2026-07-28 request
 * ({@link StatelessPosts}). GET and DELETE belong to legacy sessions. The guard and the in-flight limit
 * run in front of it ({@link GuardHandler}, {@link InFlightLimit}).
 */
final class McpEndpoint extends Handler.Abstract {

    private static final String ALLOW = "GET, POST, DELETE, OPTIONS";
    /** The most of a too-large body read and dropped before answering 413, so that the client reads the answer. */
    private static final long LINGER_BYTES = 16L << 20;

    private final McpServer server;
    private final HttpSettings settings;
    private final HttpAnswers answers;
    private final StatelessPosts statelessPosts;
    private final SessionRequests sessionRequests;
    private volatile boolean stopping;

    McpEndpoint(McpServer server, HttpSettings settings, HttpAnswers answers, StatelessPosts statelessPosts,
            SessionRequests sessionRequests) {
        super(InvocationType.BLOCKING);
        this.server = server;
        this.settings = settings;
        this.answers = answers;
        this.statelessPosts = statelessPosts;
        this.sessionRequests = sessionRequests;
    }

    /**
     * Runs on the thread that parsed the request's head, a platform thread of Jetty's pool: nothing
     * here waits. A POST whose body has arrived is decoded and routed on it, and a request that cannot
     * block is even served on it; a body still on its way, a request whose handler may block, and a
     * GET stream continue on virtual threads. The callback completes when the response does, from
     * whichever thread completes it.
     */
    @Override
    public boolean handle(Request request, org.eclipse.jetty.server.Response response,
            Callback callback) {
        try {
            String method = request.getMethod();
            if (HttpMethod.POST.is(method)) {
                post(request, response, callback);
            } else if (HttpMethod.GET.is(method)) {
                AsyncResponses.onVirtualThread(request, response, callback, () -> sessionRequests.get(request, response, callback));
            } else if (HttpMethod.DELETE.is(method)) {
                sessionRequests.delete(request, response, callback);
            } else if (HttpMethod.OPTIONS.is(method)) {
                preflight(request, response, callback);
            } else {
                response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
                answers.reject(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, null,
                        "Method Not Allowed: the MCP endpoint takes POST, and GET and DELETE for legacy sessions");
            }
        } catch (RuntimeException | Error e) {
            org.eclipse.jetty.server.Response.writeError(request, response, callback, e);
        }
        return true;
    }

    private void preflight(Request request, org.eclipse.jetty.server.Response response,
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

    private void post(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            answers.reject(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, null,
                    "Unsupported Media Type: POST a JSON-RPC message as application/json, not "
                            + (contentType == null ? "a body without Content-Type" : contentType));
            return;
        }
        if (!HttpRequests.acceptsAnAnswer(request)) {
            answers.reject(response, callback, HttpStatus.NOT_ACCEPTABLE_406, null,
                    "Not Acceptable: the answer is application/json or text/event-stream; list one of them in Accept, not "
                            + request.getHeaders().get(HttpHeader.ACCEPT));
            return;
        }
        PostBody body = new PostBody(request, settings.maxRequestBytes());
        try {
            if (body.readAvailable()) {
                route(request, response, callback, server.codec().decode(body.bytes()), false);
                return;
            }
        } catch (IOException e) {
            bodyFailed(request, response, callback, body, e);
            return;
        }
        // more of the body is on its way: wait for it on a virtual thread, never on a platform one
        AsyncResponses.onVirtualThread(request, response, callback, () -> {
            try {
                body.readRest();
            } catch (IOException e) {
                bodyFailed(request, response, callback, body, e);
                return;
            }
            route(request, response, callback, server.codec().decode(body.bytes()), true);
        });
    }

    /**
     * Answers a body that was too large (413) or too slow (408), and closes the connection. A client
     * still sending a body a little over the limit has the rest read and dropped first (on a virtual
     * thread): closing a socket with unread bytes resets it, and the client would lose the answer.
     */
    private void bodyFailed(Request request, org.eclipse.jetty.server.Response response, Callback callback,
            PostBody body, IOException e) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        if (e instanceof PostBody.TooLarge tooLarge) {
            String message = "Payload Too Large: the body is " + (tooLarge.size > 0 ? "at least " + tooLarge.size
                    + " bytes" : "too long") + ", more than the limit of " + settings.maxRequestBytes() + " bytes";
            AsyncResponses.onVirtualThread(request, response, callback, () -> {
                body.discardRest(Math.max(settings.maxRequestBytes(), LINGER_BYTES));
                answers.reject(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, null, message);
            });
        } else {
            answers.reject(response, callback, HttpStatus.REQUEST_TIMEOUT_408, null,
                    "Request Timeout: the body did not arrive in time (" + e.getMessage() + ")");
        }
    }

    /**
     * Routes a decoded POST.
     *
     * @param mayBlock whether this thread may block (a virtual thread), so that any request may run on it
     */
    private void route(Request request, org.eclipse.jetty.server.Response response,
            Callback callback, Decoded decoded, boolean mayBlock) {
        String sessionId = request.getHeaders().get(HttpRequests.SESSION_ID);
        String version = request.getHeaders().get(HttpRequests.PROTOCOL_VERSION);
        boolean modernHeader = version != null && ProtocolVersion.of(version).map(ProtocolVersion::isModern).orElse(false);
        if (decoded instanceof Decoded.Invalid invalid) {
            answers.reject(response, callback, HttpStatus.BAD_REQUEST_400, invalid.id(), invalid.error());
            return;
        }
        if (stopping && HttpRequests.carriesRequest(decoded)) {
            // while draining, answers and cancellations still get in: running requests may be waiting on them
            answers.unavailable(response, callback, "Service Unavailable: the server is shutting down");
            return;
        }
        if (sessionId != null && !modernHeader) {
            sessionRequests.post(request, response, callback, decoded, sessionId, version, mayBlock);
        } else if (HttpRequests.isInitialize(decoded)
                && !modernHeader) {
            sessionRequests.initialize(request, response, callback, decoded, mayBlock);
        } else {
            statelessPosts.post(request, response, callback, decoded, mayBlock);
        }
    }

    /** Refuses new requests from now on; answers and cancellations for running ones still get in. */
    void stopAccepting() {
        stopping = true;
        sessionRequests.stopAccepting();
    }

    Set<Channel> requestChannels() {
        return statelessPosts.channels();
    }
}
