package dev.keel.spec;

/**
 * Hints about a tool's behaviour (2025-03-26 and later). Clients treat them as untrusted unless
 * they trust the server.
 *
 * @param title a display name, or {@code null}
 * @param readOnlyHint the tool does not modify its environment (default false)
 * @param destructiveHint the tool may destroy data (default true; meaningful when not read-only)
 * @param idempotentHint repeating a call has no further effect (default false)
 * @param openWorldHint the tool reaches an open world of entities (default true)
 */
public record ToolAnnotations(String title, Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint,
        Boolean openWorldHint) {

    /** The annotations of a tool that only reads. */
    public static ToolAnnotations readOnly() {
        return new ToolAnnotations(null, true, null, null, null);
    }
}
