package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A result with nothing to say: {@code {}} in legacy revisions, {@code {"resultType":"complete"}} in 2026-07-28. */
public record EmptyResult(@JsonProperty("_meta") Map<String, Object> meta) implements Result {

    private static final EmptyResult INSTANCE = new EmptyResult(null);

    /** The empty result. */
    public static EmptyResult instance() {
        return INSTANCE;
    }

    @Override
    public EmptyResult withMeta(Map<String, Object> meta) {
        return new EmptyResult(meta);
    }
}
