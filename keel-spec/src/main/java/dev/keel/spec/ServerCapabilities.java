package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonView;

/**
 * What a server offers. A present member means the feature is offered; {@code {}} is enough.
 *
 * @param experimental non-standard capabilities, or {@code null}
 * @param logging present if the server sends log messages
 * @param completions present if the server completes arguments (2025-03-26 and later)
 * @param prompts present if the server offers prompts
 * @param resources present if the server offers resources
 * @param tools present if the server offers tools
 * @param extensions MCP extensions by identifier (2026-07-28 and later), or {@code null}
 */
public record ServerCapabilities(
        Map<String, Object> experimental,
        Map<String, Object> logging,
        @JsonView(Since.R2025_03_26.class) Map<String, Object> completions,
        Prompts prompts,
        Resources resources,
        Tools tools,
        @JsonView(Since.R2026_07_28.class) Map<String, Object> extensions) {

    /** The prompts capability. @param listChanged whether list-changed notifications are sent */
    public record Prompts(Boolean listChanged) {
    }

    /**
     * The resources capability.
     *
     * @param subscribe whether clients may subscribe to updates of single resources
     * @param listChanged whether list-changed notifications are sent
     */
    public record Resources(Boolean subscribe, Boolean listChanged) {
    }

    /** The tools capability. @param listChanged whether list-changed notifications are sent */
    public record Tools(Boolean listChanged) {
    }
}
