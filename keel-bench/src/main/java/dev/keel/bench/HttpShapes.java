package dev.keel.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;

/**
 * The requests the HTTP scenarios send: a 2026-07-28 {@code tools/call} of echo (per-request {@code _meta},
 * the {@code MCP-Protocol-Version}, {@code Mcp-Method} and {@code Mcp-Name} headers), or one in a legacy
 * 2025-11-25 session opened by {@link #initialize}.
 */
final class HttpShapes {

    private HttpShapes() {
    }

    /** A 2026-07-28 call: stateless, everything the server needs in the request itself. */
    static HttpLoad.Shape modern() {
        return new HttpLoad.Shape() {
            @Override
            public byte[] body(long i) {
                return Fixtures.echoCall(i, "hello, keel");
            }

            @Override
            public void headers(Request request) {
                request.headers(h -> h.put("Accept", "application/json, text/event-stream")
                        .put("MCP-Protocol-Version", "2026-07-28").put("Mcp-Method", "tools/call").put("Mcp-Name", "echo"));
            }
        };
    }

    /** A call in the legacy session {@code session}. */
    static HttpLoad.Shape legacy(String session) {
        return new HttpLoad.Shape() {
            @Override
            public byte[] body(long i) {
                return ("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                        + "\"arguments\":{\"message\":\"hello, keel\"}}}").getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public void headers(Request request) {
                request.headers(h -> h.put("Accept", "application/json, text/event-stream")
                        .put("Mcp-Session-Id", session).put("MCP-Protocol-Version", "2025-11-25"));
            }
        };
    }

    /**
     * Opens a 2025-11-25 session ({@code initialize}, then {@code notifications/initialized}); returns its
     * id, or null if the server gave none.
     */
    static String initialize(HttpLoad load, URI url) throws Exception {
        ContentResponse response = load.once(url, ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}")
                .getBytes(StandardCharsets.UTF_8), "Accept", "application/json, text/event-stream");
        String session = response.getHeaders().get("Mcp-Session-Id");
        load.once(url, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8),
                "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        return session;
    }
}
