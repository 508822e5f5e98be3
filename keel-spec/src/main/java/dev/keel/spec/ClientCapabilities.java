package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonView;

/**
 * What a client offers. In 2026-07-28 every request carries its own; in legacy sessions
 * {@code initialize} declares them once.
 *
 * @param experimental non-standard capabilities, or {@code null}
 * @param roots present if the client lists roots
 * @param sampling present if the client samples from a model
 * @param elicitation present if the client asks its user for input (2025-06-18 and later)
 * @param extensions MCP extensions by identifier (2026-07-28 and later), or {@code null}
 */
public record ClientCapabilities(
        Map<String, Object> experimental,
        Roots roots,
        Sampling sampling,
        @JsonView(Since.R2025_06_18.class) Elicitation elicitation,
        @JsonView(Since.R2026_07_28.class) Map<String, Object> extensions) {

    /** Read-only maps: one instance serves every request that declared the same capabilities. */
    public ClientCapabilities {
        experimental = experimental == null ? null : java.util.Collections.unmodifiableMap(experimental);
        extensions = extensions == null ? null : java.util.Collections.unmodifiableMap(extensions);
    }

    private static final ClientCapabilities NONE = new ClientCapabilities(null, null, null, null, null);

    /** A client that declares no optional capability (one shared instance: it holds nothing to change). */
    public static ClientCapabilities none() {
        return NONE;
    }

    /** The roots capability. @param listChanged legacy: whether the client notifies changes */
    public record Roots(Boolean listChanged) {
    }

    /**
     * The sampling capability.
     *
     * @param context present if the client honours {@code includeContext} (deprecated)
     * @param tools present if the client samples with tools (2025-11-25 and later)
     */
    public record Sampling(Map<String, Object> context, Map<String, Object> tools) {
    }

    /**
     * The elicitation capability; {@code {}} means form mode only.
     *
     * @param form present if the client supports form mode
     * @param url present if the client supports URL mode (2025-11-25 and later)
     */
    public record Elicitation(Map<String, Object> form, Map<String, Object> url) {

        /** Whether form mode is supported: declared, or implied by an empty object. */
        public boolean supportsForm() {
            return form != null || url == null;
        }

        /** Whether URL mode is supported. */
        public boolean supportsUrl() {
            return url != null;
        }
    }
}
