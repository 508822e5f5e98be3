package dev.keel.spec;

import java.util.Base64;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The contents of a binary resource.
 *
 * @param uri the resource URI
 * @param mimeType the content type, or {@code null}
 * @param blob the bytes, base64-encoded
 * @param meta {@code _meta}, or {@code null}
 */
public record BlobResourceContents(String uri, String mimeType, String blob,
        @JsonProperty("_meta") Map<String, Object> meta) implements ResourceContents {

    public BlobResourceContents {
        Objects.requireNonNull(uri, "uri");
        Encodings.requireBase64(Objects.requireNonNull(blob, "blob"), "the blob of " + uri);
        if (mimeType != null) {
            Encodings.requireMimeType(mimeType, "the MIME type of " + uri);
        }
    }

    /** Binary contents of {@code uri}, encoded here. */
    public static BlobResourceContents of(String uri, String mimeType, byte[] bytes) {
        return new BlobResourceContents(uri, mimeType, Base64.getEncoder().encodeToString(bytes), null);
    }
}
