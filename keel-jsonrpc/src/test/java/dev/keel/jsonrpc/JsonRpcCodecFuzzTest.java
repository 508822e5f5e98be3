package dev.keel.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes decode to a message, a batch, or an answerable client error ({@code -32700} or
 * {@code -32600}): never an exception. What decodes to a message encodes back to bytes that decode
 * to the same message. Run by the normal build over the committed inputs (regression mode), and by
 * {@code bin/fuzz.sh} for a bounded time with new ones.
 */
class JsonRpcCodecFuzzTest {

    private static final JsonRpcCodec DEFAULTS = JsonRpcCodec.create();
    /** Limits small enough that fuzzed input reaches each of them. */
    private static final JsonRpcCodec TIGHT = JsonRpcCodec.create(JsonRpcLimits.builder().maxMessageBytes(512)
            .maxNestingDepth(4).maxStringLength(32).maxNumberLength(8).maxNameLength(16).maxBatchSize(3).build());

    @FuzzTest(maxDuration = "15s")
    void anyBytesDecodeToAMessageOrAClientError(byte[] input) {
        for (JsonRpcCodec codec : new JsonRpcCodec[] {DEFAULTS, TIGHT}) {
            Decoded decoded = codec.decode(input);
            if (decoded instanceof Decoded.Batch batch) {
                assertThat(batch.items()).isNotEmpty().hasSizeLessThanOrEqualTo(codec.limits().maxBatchSize());
                batch.items().forEach(item -> check(codec, item));
            } else {
                check(codec, decoded);
            }
        }
    }

    private static void check(JsonRpcCodec codec, Decoded decoded) {
        switch (decoded) {
            case Decoded.Invalid invalid -> assertThat(invalid.error().code())
                    .as(invalid.error().message())
                    .isIn(JsonRpcError.PARSE_ERROR, JsonRpcError.INVALID_REQUEST);
            case Decoded.Message message -> {
                byte[] encoded = codec.encode(message.message());
                assertThat(codec.decode(encoded)).as(new String(encoded, java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(decoded);
            }
            case Decoded.Batch nested -> throw new AssertionError("a batch inside a batch: " + nested);
        }
    }
}
