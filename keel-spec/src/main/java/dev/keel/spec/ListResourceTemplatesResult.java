package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * One page of {@code resources/templates/list}.
 *
 * @param resourceTemplates the items on this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last
 * @param ttlMs caching hint (2026-07-28)
 * @param cacheScope caching hint (2026-07-28)
 * @param meta {@code _meta}, or {@code null}
 */
public record ListResourceTemplatesResult(
        List<ResourceTemplate> resourceTemplates,
        String nextCursor,
        @JsonView(Since.R2026_07_28.class) Long ttlMs,
        @JsonView(Since.R2026_07_28.class) CacheScope cacheScope,
        @JsonProperty("_meta") Map<String, Object> meta) implements CacheableResult {

    public ListResourceTemplatesResult {
        resourceTemplates = List.copyOf(Objects.requireNonNull(resourceTemplates, "resourceTemplates"));
    }

    /** A last page holding {@code resourceTemplates}. */
    public static ListResourceTemplatesResult of(List<ResourceTemplate> resourceTemplates) {
        return new ListResourceTemplatesResult(resourceTemplates, null, null, null, null);
    }

    @Override
    public ListResourceTemplatesResult withMeta(Map<String, Object> meta) {
        return new ListResourceTemplatesResult(resourceTemplates, nextCursor, ttlMs, cacheScope, meta);
    }

    @Override
    public ListResourceTemplatesResult withCache(long ttlMs, CacheScope cacheScope) {
        return new ListResourceTemplatesResult(resourceTemplates, nextCursor, ttlMs, cacheScope, meta);
    }
}
