package dev.keel.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The {@code x-mcp-header} annotations of a tool's input schema (2026-07-28, Streamable HTTP): each
 * names an argument a client must mirror in an {@code Mcp-Param-<name>} header
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/server/tools">x-mcp-header</a>).
 * Checked when a tool is built, so a tool no client could call is refused at registration.
 */
public final class ParamHeaders {

    /** An RFC 9110 token: {@code 1*tchar}. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private ParamHeaders() {
    }

    /**
     * The header parameters of {@code inputSchema}: header name (as annotated) to argument name, in
     * schema order; empty when there are none.
     *
     * @throws IllegalArgumentException if an annotation breaks a rule of the spec, naming it
     */
    public static Map<String, String> of(JsonNode inputSchema) {
        JsonNode properties = inputSchema.path("properties");
        if (!properties.isObject()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode annotation = property.getValue().get("x-mcp-header");
            if (annotation == null) {
                continue;
            }
            String argument = property.getKey();
            if (!annotation.isString() || annotation.asString().isEmpty() || !TOKEN.matcher(annotation.asString()).matches()) {
                throw new IllegalArgumentException("the x-mcp-header of argument " + argument
                        + " must be a non-empty token of letters, digits and !#$%&'*+-.^_`|~");
            }
            String name = annotation.asString();
            String type = property.getValue().path("type").asString("");
            if (!type.equals("string") && !type.equals("integer") && !type.equals("boolean")) {
                throw new IllegalArgumentException("x-mcp-header " + name + " is on argument " + argument
                        + " of type '" + type + "'; only string, integer and boolean arguments may be mirrored");
            }
            if (type.equals("integer") && (exceeds(property.getValue().get("maximum"))
                    || exceeds(property.getValue().get("minimum")))) {
                throw new IllegalArgumentException("x-mcp-header " + name + " is on an integer outside ±(2^53-1)");
            }
            String previous = seen.put(name.toLowerCase(Locale.ROOT), argument);
            if (previous != null) {
                throw new IllegalArgumentException("x-mcp-header " + name + " is used by both " + previous + " and "
                        + argument + " (header names compare case-insensitively)");
            }
            headers.put(name, argument);
        }
        return Collections.unmodifiableMap(headers);
    }

    private static boolean exceeds(JsonNode bound) {
        return bound != null && bound.isNumber() && Math.abs(bound.asDouble()) > MAX_SAFE_INTEGER;
    }
}
