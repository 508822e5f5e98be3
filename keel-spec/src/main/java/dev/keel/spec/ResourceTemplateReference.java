package dev.keel.spec;

import java.util.Objects;

/**
 * A reference to a resource template or a resource, {@code type: "ref/resource"} (named
 * {@code ResourceReference} before 2025-06-18; the wire form is the same).
 *
 * @param uri the URI template, or the URI of a resource
 */
public record ResourceTemplateReference(String uri) implements CompletionReference {

    public ResourceTemplateReference {
        Objects.requireNonNull(uri, "uri");
    }
}
