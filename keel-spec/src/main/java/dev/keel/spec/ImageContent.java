package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An image.
 *
 * @param data the image, base64-encoded
 * @param mimeType the image type, e.g. {@code image/png}
 * @param annotations display hints, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record ImageContent(String data, String mimeType, Annotations annotations,
        @JsonProperty("_meta") Map<String, Object> meta) implements ContentBlock, SamplingContent {

    public ImageContent {
        Encodings.requireBase64(Objects.requireNonNull(data, "data"), "the image data");
        Encodings.requireMimeType(Objects.requireNonNull(mimeType, "mimeType"), "the image MIME type");
    }

    /** An image from base64 data. */
    public static ImageContent of(String base64, String mimeType) {
        return new ImageContent(base64, mimeType, null, null);
    }
}
