package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * The answer to {@code server/discover} (2026-07-28).
 *
 * @param supportedVersions the protocol revisions the server speaks
 * @param capabilities the server's capabilities
 * @param instructions guidance for the model, or {@code null}
 * @param ttlMs how long the client may cache this, in milliseconds
 * @param cacheScope who may reuse it
 * @param meta {@code _meta}, usually carrying {@code io.modelcontextprotocol/serverInfo}
 */
public record DiscoverResult(
        List<String> supportedVersions,
        ServerCapabilities capabilities,
        String instructions,
        @JsonView(Since.R2026_07_28.class) Long ttlMs,
        @JsonView(Since.R2026_07_28.class) CacheScope cacheScope,
        @JsonProperty("_meta") Map<String, Object> meta) implements CacheableResult {

    public DiscoverResult {
        supportedVersions = List.copyOf(Objects.requireNonNull(supportedVersions, "supportedVersions"));
        Objects.requireNonNull(capabilities, "capabilities");
    }

    @Override
    public DiscoverResult withMeta(Map<String, Object> meta) {
        return new DiscoverResult(supportedVersions, capabilities, instructions, ttlMs, cacheScope, meta);
    }

    @Override
    public DiscoverResult withCache(long ttlMs, CacheScope cacheScope) {
        return new DiscoverResult(supportedVersions, capabilities, instructions, ttlMs, cacheScope, meta);
    }
}
