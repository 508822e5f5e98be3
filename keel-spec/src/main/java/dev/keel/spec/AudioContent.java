package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Audio (2025-03-26 and later).
 *
 * @param data the audio, base64-encoded
 * @param mimeType the audio type, e.g. {@code audio/wav}
 * @param annotations display hints, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record AudioContent(String data, String mimeType, Annotations annotations,
        @JsonProperty("_meta") Map<String, Object> meta) implements ContentBlock, SamplingContent {

    public AudioContent {
        Encodings.requireBase64(Objects.requireNonNull(data, "data"), "the audio data");
        Encodings.requireMimeType(Objects.requireNonNull(mimeType, "mimeType"), "the audio MIME type");
    }

    /** Audio from base64 data. */
    public static AudioContent of(String base64, String mimeType) {
        return new AudioContent(base64, mimeType, null, null);
    }

    @Override
    public boolean availableIn(ProtocolVersion version) {
        return version.atLeast(ProtocolVersion.V2025_03_26);
    }
}
