package dev.keel.transport.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.keel.core.CallContext;
import dev.keel.core.MirroredHeaders;
import dev.keel.core.TransportAttributes;
import dev.keel.core.spi.Inbound;
import dev.keel.jsonrpc.Decoded;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.McpMethods;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

/** What the MCP endpoint reads from an HTTP request beyond its body: attributes, mirrored headers, Accept. */
final class HttpRequests {

    static final String SESSION_ID = "Mcp-Session-Id";
    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    private static final String PARAM_PREFIX = "mcp-param-";

    private HttpRequests() {
    }

    /**
     * Whether the client accepts an answer as JSON or as an event stream (RFC 9110 §12.5.1): no
     * {@code Accept}, or a media range (with a q above 0) that covers {@code application/json} or
     * {@code text/event-stream}.
     */
    static boolean acceptsAnAnswer(org.eclipse.jetty.server.Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!ANSWER_RANGES.contains(type)) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(parameter.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = false;
                    }
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> ANSWER_RANGES = Set.of("*/*", "application/*", "application/json", "text/*",
            "text/event-stream");

    static boolean acceptsEventStream(org.eclipse.jetty.server.Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept == null || accept.contains("text/event-stream") || accept.contains("*/*");
    }

    /** What the connection tells every request on it: the transport and the remote address. */
    static Map<CallContext.Key<?>, Object> connectionAttributes(org.eclipse.jetty.server.Request request) {
        Map<CallContext.Key<?>, Object> attributes = new HashMap<>();
        attributes.put(TransportAttributes.TRANSPORT, "http");
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet) {
            attributes.put(TransportAttributes.REMOTE_ADDRESS, inet);
        }
        return attributes;
    }

    /** What each message carries of its HTTP request: credentials and origin, checked per request. */
    static Map<CallContext.Key<?>, Object> requestAttributes(org.eclipse.jetty.server.Request request) {
        Map<CallContext.Key<?>, Object> attributes = new HashMap<>(4);
        addRequestAttributes(request, attributes);
        return attributes;
    }

    static void addRequestAttributes(org.eclipse.jetty.server.Request request, Map<CallContext.Key<?>, Object> attributes) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null) {
            attributes.put(TransportAttributes.AUTHORIZATION, authorization);
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null) {
            attributes.put(TransportAttributes.ORIGIN, origin);
        }
    }

    /** The mirrored {@code Mcp-*} headers, in one pass over the request's (the first of each wins). */
    static MirroredHeaders mirrored(org.eclipse.jetty.server.Request request) {
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
                params.put(header.substring(PARAM_PREFIX.length()).toLowerCase(Locale.ROOT), field.getValue());
            }
        }
        return new MirroredHeaders(version, method, name, params);
    }

    /**
     * How a POST's request may run: on this thread whatever it does when the thread may block (a
     * virtual thread that read a slow body), else on it only if nothing the request passes through can
     * block (a Jetty platform thread).
     */
    static Inbound.Threading threading(boolean mayBlock) {
        return mayBlock ? Inbound.Threading.INLINE : Inbound.Threading.INLINE_IF_NON_BLOCKING;
    }

    /** Whether {@code decoded} holds a request, so that an answer is owed. */
    static boolean carriesRequest(Decoded decoded) {
        return switch (decoded) {
            case Decoded.Message m -> m.message() instanceof Request;
            case Decoded.Invalid invalid -> invalid.request();
            case Decoded.Batch batch -> batch.items().stream().anyMatch(HttpRequests::carriesRequest);
        };
    }

    /** Whether {@code decoded} is a legacy {@code initialize}, which opens a session. */
    static boolean isInitialize(Decoded decoded) {
        return decoded instanceof Decoded.Message(Request r) && McpMethods.INITIALIZE.equals(r.method());
    }

    static RequestId requestId(Decoded decoded) {
        return decoded instanceof Decoded.Message(Request r) ? r.id() : null;
    }
}
