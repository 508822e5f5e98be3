package dev.keel.core;

import java.util.Map;
import java.util.Objects;

/**
 * What a transport carried beside a 2026-07-28 request that must equal the request itself: on
 * Streamable HTTP the {@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name} and
 * {@code Mcp-Param-*} headers
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports">Streamable HTTP</a>).
 * A transport hands them to the engine as the {@link TransportAttributes#MIRRORED_HEADERS} attribute of
 * the message; the engine checks them where it reads the body anyway (the protocol version with the
 * request's {@code _meta}, the name and arguments where the method binds them) and refuses a missing,
 * malformed or different value with {@code -32020} HeaderMismatch, so the body is parsed once.
 *
 * @param protocolVersion the raw {@code MCP-Protocol-Version} value, or {@code null} if absent
 * @param method the raw {@code Mcp-Method} value, or {@code null} if absent
 * @param name the raw {@code Mcp-Name} value (possibly a Base64 sentinel), or {@code null} if absent
 * @param params the {@code Mcp-Param-*} headers: lower-cased suffix to raw value
 */
public record MirroredHeaders(String protocolVersion, String method, String name, Map<String, String> params) {

    public MirroredHeaders {
        params = Map.copyOf(Objects.requireNonNull(params, "params"));
    }
}
