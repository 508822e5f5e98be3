package dev.keel.jsonrpc;

/**
 * The limits the codec enforces on every message it reads, set deliberately rather than left to
 * Jackson's generous defaults. A message over a limit is answered with
 * {@link JsonRpcError#INVALID_REQUEST} naming the limit; the reader keeps serving.
 *
 * @param maxMessageBytes the largest message, in bytes (default 4 MiB)
 * @param maxNestingDepth the deepest nesting of objects and arrays (default 64)
 * @param maxStringLength the longest string value, in characters (default: {@code maxMessageBytes})
 * @param maxNumberLength the longest number, in characters (default 100)
 * @param maxNameLength the longest property or method name, in characters (default 4096)
 * @param maxBatchSize the most messages in one batch, where batches are allowed (default 100)
 * @param maxIdLength the longest string id, in characters (default 1024); the engine holds progress
 *     tokens, which are ids too, to the same limit. An id is echoed in every answer and log line about
 *     its request, so a long one would make each of them cheap to inflate.
 */
public record JsonRpcLimits(int maxMessageBytes, int maxNestingDepth, int maxStringLength, int maxNumberLength,
        int maxNameLength, int maxBatchSize, int maxIdLength) {

    /** 4 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    public JsonRpcLimits {
        positive("maxMessageBytes", maxMessageBytes);
        positive("maxNestingDepth", maxNestingDepth);
        positive("maxStringLength", maxStringLength);
        positive("maxNumberLength", maxNumberLength);
        positive("maxNameLength", maxNameLength);
        positive("maxBatchSize", maxBatchSize);
        positive("maxIdLength", maxIdLength);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** The defaults listed above. */
    public static JsonRpcLimits defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder().maxMessageBytes(maxMessageBytes).maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength).maxNumberLength(maxNumberLength).maxNameLength(maxNameLength)
                .maxBatchSize(maxBatchSize).maxIdLength(maxIdLength);
    }

    /** Builds {@link JsonRpcLimits}; not thread-safe. */
    public static final class Builder {
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxNestingDepth = 64;
        private int maxStringLength = -1;
        private int maxNumberLength = 100;
        private int maxNameLength = 4096;
        private int maxBatchSize = 100;
        private int maxIdLength = 1024;

        private Builder() {
        }

        public Builder maxMessageBytes(int value) {
            this.maxMessageBytes = value;
            return this;
        }

        public Builder maxNestingDepth(int value) {
            this.maxNestingDepth = value;
            return this;
        }

        public Builder maxStringLength(int value) {
            this.maxStringLength = value;
            return this;
        }

        public Builder maxNumberLength(int value) {
            this.maxNumberLength = value;
            return this;
        }

        public Builder maxNameLength(int value) {
            this.maxNameLength = value;
            return this;
        }

        public Builder maxBatchSize(int value) {
            this.maxBatchSize = value;
            return this;
        }

        public Builder maxIdLength(int value) {
            this.maxIdLength = value;
            return this;
        }

        public JsonRpcLimits build() {
            return new JsonRpcLimits(maxMessageBytes, maxNestingDepth,
                    maxStringLength < 0 ? maxMessageBytes : maxStringLength, maxNumberLength, maxNameLength,
                    maxBatchSize, maxIdLength);
        }
    }
}
