package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to a legacy {@code initialize}.
 *
 * @param protocolVersion the revision the session will speak
 * @param capabilities the server's capabilities
 * @param serverInfo the server's name and version
 * @param instructions guidance for the model, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record InitializeResult(String protocolVersion, ServerCapabilities capabilities, Implementation serverInfo,
        String instructions, @JsonProperty("_meta") Map<String, Object> meta) implements Result {

    public InitializeResult {
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(serverInfo, "serverInfo");
    }

    @Override
    public InitializeResult withMeta(Map<String, Object> meta) {
        return new InitializeResult(protocolVersion, capabilities, serverInfo, instructions, meta);
    }
}
