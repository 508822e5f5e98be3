package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of a legacy {@code initialize} request. Fields are checked by the server, not
 * here, so that a malformed request gets a JSON-RPC error rather than a binding failure.
 *
 * @param protocolVersion the newest revision the client speaks
 * @param capabilities the client's capabilities
 * @param clientInfo the client's name and version
 * @param meta {@code _meta}, or {@code null}
 */
public record InitializeRequestParams(String protocolVersion, ClientCapabilities capabilities,
        Implementation clientInfo, @JsonProperty("_meta") Map<String, Object> meta) {
}
