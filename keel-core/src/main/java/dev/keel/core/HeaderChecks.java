package dev.keel.core;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Checks the {@link MirroredHeaders} of a 2026-07-28 request against its body, in the order the spec's
 * server validation implies: protocol version and method first (before the version is looked up, so
 * a header that contradicts {@code _meta} is a mismatch, not an unsupported version), then the name
 * where the method reads it, then the {@code x-mcp-header} arguments of a tool once they are parsed.
 * Every failure is {@code -32020} HeaderMismatch, naming the header.
 */
final class HeaderChecks {

    private static final String SENTINEL_START = "=?base64?";
    private static final String SENTINEL_END = "?=";

    private HeaderChecks() {
    }

    /** Checks {@code MCP-Protocol-Version} against {@code _meta} and {@code Mcp-Method} against the method. */
    static void versionAndMethod(CallContext context, String metaVersion, String method) {
        MirroredHeaders headers = context.get(TransportAttributes.MIRRORED_HEADERS);
        if (headers == null) {
            return;
        }
        if (headers.protocolVersion() == null) {
            throw McpException.headerMismatch("Header mismatch: the MCP-Protocol-Version header is required");
        }
        if (!headers.protocolVersion().equals(metaVersion)) {
            throw McpException.headerMismatch("Header mismatch: MCP-Protocol-Version is '" + headers.protocolVersion()
                    + "' but params._meta names protocol version '" + metaVersion + "'");
        }
        if (headers.method() == null) {
            throw McpException.headerMismatch("Header mismatch: the Mcp-Method header is required");
        }
        if (!headers.method().equals(method)) {
            throw McpException.headerMismatch("Header mismatch: Mcp-Method is '" + headers.method()
                    + "' but the request's method is '" + method + "'");
        }
    }

    /** Checks {@code Mcp-Name} against the tool or prompt name or resource URI the body names. */
    static void name(CallContext context, String bodyName) {
        MirroredHeaders headers = context.get(TransportAttributes.MIRRORED_HEADERS);
        if (headers == null || !context.isModern() || bodyName == null) {
            return;
        }
        if (headers.name() == null) {
            throw McpException.headerMismatch("Header mismatch: the Mcp-Name header is required and must be '"
                    + bodyName + "'");
        }
        String name = decode(headers.name(), "Mcp-Name");
        if (!name.equals(bodyName)) {
            throw McpException.headerMismatch("Header mismatch: Mcp-Name is '" + name + "' but the request names '"
                    + bodyName + "'");
        }
    }

    /**
     * Checks the {@code Mcp-Param-*} headers a tool's {@code x-mcp-header} annotations ask for: present
     * and equal for every argument that is present and not null, absent otherwise.
     *
     * @param declared header name (as annotated) to argument name
     */
    static void params(CallContext context, Map<String, String> declared, JsonNode arguments) {
        MirroredHeaders headers = context.get(TransportAttributes.MIRRORED_HEADERS);
        if (headers == null || !context.isModern() || declared.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> entry : declared.entrySet()) {
            String header = "Mcp-Param-" + entry.getKey();
            String raw = headers.params().get(entry.getKey().toLowerCase(Locale.ROOT));
            JsonNode value = arguments.get(entry.getValue());
            if (value == null || value.isNull()) {
                if (raw != null) {
                    throw McpException.headerMismatch("Header mismatch: " + header + " is sent but argument '"
                            + entry.getValue() + "' is absent");
                }
                continue;
            }
            if (raw == null) {
                throw McpException.headerMismatch("Header mismatch: the " + header + " header is required because "
                        + "argument '" + entry.getValue() + "' is present");
            }
            String decoded = decode(raw, header);
            if (!matches(decoded, value)) {
                throw McpException.headerMismatch("Header mismatch: " + header + " is '" + decoded + "' but argument '"
                        + entry.getValue() + "' is " + value);
            }
        }
    }

    private static boolean matches(String header, JsonNode value) {
        if (value.isString()) {
            return header.equals(value.asString());
        }
        if (value.isBoolean()) {
            return header.equals(value.asBoolean() ? "true" : "false");
        }
        if (value.isNumber()) {
            try {
                return new BigDecimal(header).compareTo(value.decimalValue()) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * The value of a mirrored header: its text when it is plain visible ASCII, the UTF-8 text a
     * {@code =?base64?…?=} sentinel encodes otherwise.
     *
     * @throws McpException -32020 if the value holds characters outside visible ASCII or a malformed sentinel
     */
    static String decode(String raw, String header) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw McpException.headerMismatch("Header mismatch: " + header
                        + " holds a character outside visible ASCII; send such values as =?base64?…?=");
            }
        }
        if (!raw.startsWith(SENTINEL_START) || !raw.endsWith(SENTINEL_END)
                || raw.length() < SENTINEL_START.length() + SENTINEL_END.length()) {
            return raw;
        }
        String encoded = raw.substring(SENTINEL_START.length(), raw.length() - SENTINEL_END.length());
        if (encoded.length() % 4 != 0) {
            throw McpException.headerMismatch("Header mismatch: " + header
                    + " holds a Base64 sentinel whose length is not a multiple of 4");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException e) {
            throw McpException.headerMismatch("Header mismatch: " + header + " holds a malformed Base64 sentinel");
        } catch (CharacterCodingException e) {
            throw McpException.headerMismatch("Header mismatch: " + header + " holds Base64 that is not UTF-8 text");
        }
    }
}
