package dev.keel.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

import tools.jackson.databind.JsonNode;

/**
 * The result of {@code tools/call}.
 *
 * <p>A tool that fails returns a result with {@code isError: true} and content that explains the
 * failure, so the model can correct itself; protocol faults are JSON-RPC errors instead.
 *
 * @param content what the tool produced
 * @param structuredContent the same as JSON, matching the tool's output schema (2025-06-18 and
 *     later), or {@code null}
 * @param isError whether the tool failed, or {@code null} (it did not)
 * @param meta {@code _meta}, or {@code null}
 */
public record CallToolResult(
        List<ContentBlock> content,
        @JsonView(Since.R2025_06_18.class) JsonNode structuredContent,
        Boolean isError,
        @JsonProperty("_meta") Map<String, Object> meta) implements Result {

    public CallToolResult {
        content = List.copyOf(Objects.requireNonNull(content, "content"));
    }

    /** A successful result of one text block. */
    public static CallToolResult text(String text) {
        return new CallToolResult(List.of(TextContent.of(text)), null, null, null);
    }

    /** A successful result of the given blocks. */
    public static CallToolResult of(ContentBlock... content) {
        return new CallToolResult(List.of(content), null, null, null);
    }

    /** A failed result explaining {@code message} to the model. */
    public static CallToolResult error(String message) {
        return new CallToolResult(List.of(TextContent.of(message)), null, true, null);
    }

    /**
     * A successful structured result: {@code structured} as {@code structuredContent}, and the same
     * JSON as a text block for clients that read only text.
     */
    public static CallToolResult structured(JsonNode structured) {
        return new CallToolResult(List.of(TextContent.of(structured.toString())), structured, null, null);
    }

    /** Whether the tool reported a failure. */
    public boolean failed() {
        return Boolean.TRUE.equals(isError);
    }

    @Override
    public CallToolResult withMeta(Map<String, Object> meta) {
        return new CallToolResult(content, structuredContent, isError, meta);
    }

    /**
     * This result as a client of {@code version} may receive it: content blocks that revision lacks
     * become text, and legacy revisions get structured content only when it is a JSON object.
     * Returns {@code this} when nothing needs to change.
     */
    public CallToolResult adaptTo(ProtocolVersion version) {
        List<ContentBlock> adapted = ContentBlocks.adaptTo(content, version);
        JsonNode structured = structuredContent;
        if (structured != null && !version.isModern() && !structured.isObject()) {
            structured = null;
        }
        if (adapted == content && structured == structuredContent) {
            return this;
        }
        return new CallToolResult(adapted, structured, isError, meta);
    }
}
