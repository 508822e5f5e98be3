package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * The answer to {@code resources/read}.
 *
 * @param contents the contents; a read may return several (a directory, say), never none
 * @param ttlMs caching hint (2026-07-28)
 * @param cacheScope caching hint (2026-07-28)
 * @param meta {@code _meta}, or {@code null}
 */
public record ReadResourceResult(
        List<ResourceContents> contents,
        @JsonView(Since.R2026_07_28.class) Long ttlMs,
        @JsonView(Since.R2026_07_28.class) CacheScope cacheScope,
        @JsonProperty("_meta") Map<String, Object> meta) implements CacheableResult {

    public ReadResourceResult {
        contents = List.copyOf(Objects.requireNonNull(contents, "contents"));
    }

    /** A result holding {@code contents}. */
    public static ReadResourceResult of(ResourceContents... contents) {
        return new ReadResourceResult(List.of(contents), null, null, null);
    }

    @Override
    public ReadResourceResult withMeta(Map<String, Object> meta) {
        return new ReadResourceResult(contents, ttlMs, cacheScope, meta);
    }

    @Override
    public ReadResourceResult withCache(long ttlMs, CacheScope cacheScope) {
        return new ReadResourceResult(contents, ttlMs, cacheScope, meta);
    }
}
