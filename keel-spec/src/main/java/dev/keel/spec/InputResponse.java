package dev.keel.spec;

import java.util.Map;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A client's answer to an {@link InputRequest}, sent back in {@code inputResponses} when it retries
 * (2026-07-28): an {@link ElicitResult}, a {@link CreateMessageResult} or a {@link ListRootsResult}.
 * The wire carries no discriminator, so Keel tells them apart by their fields: {@code action} makes
 * an elicitation result, {@code roots} a roots result, and {@code model} or {@code role} a sampling
 * result.
 */
@JsonDeserialize(using = InputResponseDeserializer.class)
public sealed interface InputResponse permits ElicitResult, CreateMessageResult, ListRootsResult {

    /** {@code _meta}, or {@code null}. */
    Map<String, Object> meta();
}
