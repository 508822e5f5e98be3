package dev.keel.core;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.Implementation;
import dev.keel.spec.MetaKeys;
import tools.jackson.core.JacksonException;

/**
 * The reserved fields of a request's {@code params._meta} that the engine acts on
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/index">_meta</a>).
 */
record RequestMeta(
        @JsonProperty(MetaKeys.PROTOCOL_VERSION) String protocolVersion,
        @JsonProperty(MetaKeys.CLIENT_CAPABILITIES) ClientCapabilities clientCapabilities,
        @JsonProperty(MetaKeys.CLIENT_INFO) Implementation clientInfo,
        @JsonProperty(MetaKeys.LOG_LEVEL) String logLevel,
        @JsonProperty(MetaKeys.PROGRESS_TOKEN) RequestId progressToken) {

    static final RequestMeta NONE = new RequestMeta(null, null, null, null, null);

    /** Reads {@code _meta} out of {@code params}; {@link #NONE} when there is none. */
    static RequestMeta of(RawJson params) {
        if (params == null) {
            return NONE;
        }
        if (!params.isObject()) {
            throw McpException.invalidParams("Invalid params: params must be a JSON object");
        }
        try {
            Holder holder = params.bind(Holder.class);
            return holder.meta() == null ? NONE : holder.meta();
        } catch (JacksonException e) {
            throw Failures.bindingFailure("params._meta is malformed", e);
        }
    }

    /** The part of params that holds {@code _meta}; everything else is skipped. */
    record Holder(@JsonProperty("_meta") RequestMeta meta) {
    }
}
