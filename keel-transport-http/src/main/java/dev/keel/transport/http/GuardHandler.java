package dev.keel.transport.http;

import java.util.Locale;
import java.util.Set;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * The one door in front of every path the transport serves (the MCP endpoint, the HTTP+SSE endpoint,
 * every mount): refuses browser origins the {@link OriginPolicy} does not allow and {@code Host}
 * headers that do not name this server (DNS rebinding), both with 403 and a JSON-RPC error; adds the
 * CORS headers for an allowed origin; and tells the {@link SlowHeaderGuard} when a request is being
 * handled, so that a long request is not taken for a slow head. Never blocks.
 */
final class GuardHandler extends Handler.Wrapper {

    static final String EXPOSED = HttpRequests.SESSION_ID + ", " + HttpRequests.PROTOCOL_VERSION;

    private final OriginPolicy origins;
    /** Host names a request may address, lower-case; null when Host is not checked. */
    private final Set<String> hosts;
    private final SlowHeaderGuard slowHeaders;
    private final HttpAnswers answers;

    GuardHandler(Handler handler, OriginPolicy origins, Set<String> hosts, SlowHeaderGuard slowHeaders,
            HttpAnswers answers) {
        super(handler);
        this.origins = origins;
        this.hosts = hosts;
        this.slowHeaders = slowHeaders;
        this.answers = answers;
    }

    @Override
    public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback)
            throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        slowHeaders.handling(connection, +1);
        Callback done = AsyncResponses.then(callback, () -> slowHeaders.handling(connection, -1));
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!origins.allows(origin)) {
            answers.reject(response, done, HttpStatus.FORBIDDEN_403, null, "Forbidden: origin '" + origin + "' is not allowed to call this server");
            return true;
        }
        if (hosts != null) {
            String host = hostName(request.getHeaders().get(HttpHeader.HOST));
            if (host == null || !hosts.contains(host)) {
                answers.reject(response, done, HttpStatus.FORBIDDEN_403, null, "Forbidden: the Host header '" + request.getHeaders().get(HttpHeader.HOST)
                        + "' does not name this server");
                return true;
            }
        }
        if (origin != null) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
            response.getHeaders().add(HttpHeader.VARY, "Origin");
        }
        if (!super.handle(request, response, done)) {
            org.eclipse.jetty.server.Response.writeError(request, response, done, HttpStatus.NOT_FOUND_404,
                    "Not Found: nothing is served at " + Request.getPathInContext(request));
        }
        return true;
    }

    /** The host part of a Host header, lower-case, without the port; IPv6 literals keep their brackets. */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? null : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
