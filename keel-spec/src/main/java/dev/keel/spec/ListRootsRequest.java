package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A {@code roots/list} request: ask the client which directories or files the server may work on.
 * In 2026-07-28 it travels inside an {@link InputRequiredResult} (roots are deprecated there but
 * work); legacy revisions send it as a JSON-RPC request.
 *
 * @param params the parameters, or {@code null}: there are none besides {@code _meta}
 */
public record ListRootsRequest(Params params) implements InputRequest {

    private static final ListRootsRequest INSTANCE = new ListRootsRequest(null);

    /** The request without parameters. */
    public static ListRootsRequest instance() {
        return INSTANCE;
    }

    /** {@code roots/list}. */
    @Override
    @JsonProperty("method")
    public String method() {
        return McpMethods.ROOTS_LIST;
    }

    /**
     * The parameters of {@code roots/list}.
     *
     * @param meta {@code _meta}, or {@code null}
     */
    public record Params(@JsonProperty("_meta") Map<String, Object> meta) {
    }
}
