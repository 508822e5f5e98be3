package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * One page of {@code tools/list}.
 *
 * @param tools the tools on this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last
 * @param ttlMs caching hint (2026-07-28)
 * @param cacheScope caching hint (2026-07-28)
 * @param meta {@code _meta}, or {@code null}
 */
public record ListToolsResult(
        List<Tool> tools,
        String nextCursor,
        @JsonView(Since.R2026_07_28.class) Long ttlMs,
        @JsonView(Since.R2026_07_28.class) CacheScope cacheScope,
        @JsonProperty("_meta") Map<String, Object> meta) implements CacheableResult {

    public ListToolsResult {
        tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
    }

    /** A last page holding {@code tools}. */
    public static ListToolsResult of(List<Tool> tools) {
        return new ListToolsResult(tools, null, null, null, null);
    }

    @Override
    public ListToolsResult withMeta(Map<String, Object> meta) {
        return new ListToolsResult(tools, nextCursor, ttlMs, cacheScope, meta);
    }

    @Override
    public ListToolsResult withCache(long ttlMs, CacheScope cacheScope) {
        return new ListToolsResult(tools, nextCursor, ttlMs, cacheScope, meta);
    }
}
