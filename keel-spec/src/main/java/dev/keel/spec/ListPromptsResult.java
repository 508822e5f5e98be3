package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * One page of {@code prompts/list}.
 *
 * @param prompts the items on this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last
 * @param ttlMs caching hint (2026-07-28)
 * @param cacheScope caching hint (2026-07-28)
 * @param meta {@code _meta}, or {@code null}
 */
public record ListPromptsResult(
        List<Prompt> prompts,
        String nextCursor,
        @JsonView(Since.R2026_07_28.class) Long ttlMs,
        @JsonView(Since.R2026_07_28.class) CacheScope cacheScope,
        @JsonProperty("_meta") Map<String, Object> meta) implements CacheableResult {

    public ListPromptsResult {
        prompts = List.copyOf(Objects.requireNonNull(prompts, "prompts"));
    }

    /** A last page holding {@code prompts}. */
    public static ListPromptsResult of(List<Prompt> prompts) {
        return new ListPromptsResult(prompts, null, null, null, null);
    }

    @Override
    public ListPromptsResult withMeta(Map<String, Object> meta) {
        return new ListPromptsResult(prompts, nextCursor, ttlMs, cacheScope, meta);
    }

    @Override
    public ListPromptsResult withCache(long ttlMs, CacheScope cacheScope) {
        return new ListPromptsResult(prompts, nextCursor, ttlMs, cacheScope, meta);
    }
}
