package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code completion/complete}.
 *
 * @param completion the suggestions
 * @param meta {@code _meta}, or {@code null}
 */
public record CompleteResult(Completion completion, @JsonProperty("_meta") Map<String, Object> meta)
        implements Result {

    /** The most values one result may carry. */
    public static final int MAX_VALUES = 100;

    public CompleteResult {
        Objects.requireNonNull(completion, "completion");
    }

    /**
     * The first {@value #MAX_VALUES} of {@code values}, most relevant first, with {@code total} and
     * {@code hasMore} telling how many there are.
     */
    public static CompleteResult of(List<String> values) {
        boolean more = values.size() > MAX_VALUES;
        return new CompleteResult(new Completion(more ? values.subList(0, MAX_VALUES) : values, values.size(), more),
                null);
    }

    @Override
    public CompleteResult withMeta(Map<String, Object> meta) {
        return new CompleteResult(completion, meta);
    }

    /**
     * Suggested values.
     *
     * @param values at most {@value CompleteResult#MAX_VALUES} suggestions
     * @param total how many suggestions there are in all, or {@code null}
     * @param hasMore whether there are more than {@code values}, or {@code null}
     */
    public record Completion(List<String> values, Integer total, Boolean hasMore) {

        public Completion {
            values = List.copyOf(Objects.requireNonNull(values, "values"));
            if (values.size() > MAX_VALUES) {
                throw new IllegalArgumentException("a completion carries at most " + MAX_VALUES + " values, not "
                        + values.size());
            }
        }
    }
}
