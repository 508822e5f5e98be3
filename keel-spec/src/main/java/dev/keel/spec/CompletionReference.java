package dev.keel.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a {@code completion/complete} request completes an argument of: a prompt
 * ({@code "ref/prompt"}) or a resource template ({@code "ref/resource"}), told apart by its
 * {@code type}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PromptReference.class, name = "ref/prompt"),
    @JsonSubTypes.Type(value = ResourceTemplateReference.class, name = "ref/resource")
})
public sealed interface CompletionReference permits PromptReference, ResourceTemplateReference {
}
