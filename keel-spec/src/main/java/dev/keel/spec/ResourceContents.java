package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The contents of a resource: text or base64 binary, told apart by which of the two it carries. */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(TextResourceContents.class), @JsonSubTypes.Type(BlobResourceContents.class)})
public sealed interface ResourceContents permits TextResourceContents, BlobResourceContents {

    /** The resource URI. */
    String uri();

    /** The content type, or {@code null}. */
    String mimeType();

    /** {@code _meta}, or {@code null}. */
    Map<String, Object> meta();
}
