package dev.keel.core;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.Implementation;
import dev.keel.spec.MetaKeys;

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

    /** Prefixes the member names in errors: constants, so that naming a member costs nothing until it is wrong. */
    private static final String META = "params._meta.";

    /** Reads {@code _meta} out of {@code params}; {@link #NONE} when there is none. */
    static RequestMeta of(RawJson params, ParamsReader.Binders binders) {
        if (params == null) {
            return NONE;
        }
        try (ParamsReader reader = ParamsReader.open(params, binders, "params")) {
            for (String member = reader.next(); member != null; member = reader.next()) {
                if ("_meta".equals(member)) {
                    return read(reader);
                }
                reader.skip();
            }
            return NONE;
        }
    }

    /** Reads the {@code _meta} object the reader is at: the reserved keys, the others skipped unread. */
    static RequestMeta read(ParamsReader reader) {
        if (reader.isNull()) {
            return NONE;
        }
        if (!reader.isObject()) {
            throw McpException.invalidParams("Invalid params: params._meta must be a JSON object");
        }
        String protocolVersion = null;
        ClientCapabilities capabilities = null;
        Implementation clientInfo = null;
        String logLevel = null;
        RequestId progressToken = null;
        for (String key = reader.next(); key != null; key = reader.next()) {
            switch (key) {
                case MetaKeys.PROTOCOL_VERSION -> protocolVersion = reader.string(META + MetaKeys.PROTOCOL_VERSION);
                case MetaKeys.CLIENT_CAPABILITIES -> capabilities = reader.bindRemembered(
                        META + MetaKeys.CLIENT_CAPABILITIES, ClientCapabilities.class, reader.binders().capabilities);
                case MetaKeys.CLIENT_INFO -> clientInfo = reader.bind(META + MetaKeys.CLIENT_INFO, Implementation.class);
                case MetaKeys.LOG_LEVEL -> logLevel = reader.string(META + MetaKeys.LOG_LEVEL);
                case MetaKeys.PROGRESS_TOKEN -> progressToken = reader.id(META + MetaKeys.PROGRESS_TOKEN);
                default -> reader.skip();
            }
        }
        if (protocolVersion == null && capabilities == null && clientInfo == null && logLevel == null
                && progressToken == null) {
            return NONE;
        }
        return new RequestMeta(protocolVersion, capabilities, clientInfo, logLevel, progressToken);
    }
}
