package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * One page of {@code resources/list}.
 *
 * @param resources the items on this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last
 * @param ttlMs caching hint (2026-07-28)
 * @param cacheScope caching hint (2026-07-28)
 * @param meta {@code _meta}, or {@code null}
 */
public record ListResourcesResult(
        List<Resource> resources,
        String nextCursor,
        @JsonView(Since.R2026_07_28.class) Long ttlMs,
        @JsonView(Since.R2026_07_28.class) CacheScope cacheScope,
        @JsonProperty("_meta") Map<String, Object> meta) implements CacheableResult {

    public ListResourcesResult {
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
    }

    /** A last page holding {@code resources}. */
    public static ListResourcesResult of(List<Resource> resources) {
        return new ListResourcesResult(resources, null, null, null, null);
    }

    @Override
    public ListResourcesResult withMeta(Map<String, Object> meta) {
        return new ListResourcesResult(resources, nextCursor, ttlMs, cacheScope, meta);
    }

    @Override
    public ListResourcesResult withCache(long ttlMs, CacheScope cacheScope) {
        return new ListResourcesResult(resources, nextCursor, ttlMs, cacheScope, meta);
    }
}
