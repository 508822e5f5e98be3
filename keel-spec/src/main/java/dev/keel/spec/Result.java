package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * A result of an MCP request.
 *
 * <p>In 2026-07-28 every result carries {@code resultType} ({@code "complete"} unless the type says
 * otherwise); legacy revisions never see it, because it belongs to that revision's view.
 */
public interface Result {

    /** The result's {@code _meta}, or {@code null}. */
    Map<String, Object> meta();

    /** A copy of this result with {@code meta} as its {@code _meta}. */
    Result withMeta(Map<String, Object> meta);

    /** {@code "complete"}, or {@code "input_required"} for an input-required result. */
    @JsonProperty("resultType")
    @JsonView(Since.R2026_07_28.class)
    default String resultType() {
        return "complete";
    }
}
