package dev.keel.spec;

import java.util.Map;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The parameters of {@code elicitation/create}: a {@link ElicitRequestFormParams form} the client
 * renders, or (2025-11-25 and later) a {@link ElicitRequestURLParams URL} the user opens. Told apart
 * by {@code mode}: {@code "url"}, or {@code "form"} or absent for a form.
 */
@JsonDeserialize(using = ElicitRequestParamsDeserializer.class)
public sealed interface ElicitRequestParams permits ElicitRequestFormParams, ElicitRequestURLParams {

    /** {@code "form"}, {@code "url"}, or {@code null} for a form request that leaves it out. */
    String mode();

    /** What to tell the user. */
    String message();

    /** {@code _meta}, or {@code null}. */
    Map<String, Object> meta();
}
