package dev.keel.spec;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request a server puts into an {@link InputRequiredResult} (2026-07-28): a {@code {method, params}}
 * object without {@code jsonrpc} or {@code id}, told apart by its {@code method}. The client answers
 * each with the matching {@link InputResponse} when it retries.
 */
@JsonPropertyOrder({"method", "params"})
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "method")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ElicitRequest.class, name = McpMethods.ELICITATION_CREATE),
    @JsonSubTypes.Type(value = CreateMessageRequest.class, name = McpMethods.SAMPLING_CREATE_MESSAGE),
    @JsonSubTypes.Type(value = ListRootsRequest.class, name = McpMethods.ROOTS_LIST)
})
public sealed interface InputRequest permits ElicitRequest, CreateMessageRequest, ListRootsRequest {

    /** The method: {@code elicitation/create}, {@code sampling/createMessage} or {@code roots/list}. */
    String method();

    /** The parameters, or {@code null} (only {@code roots/list} may omit them). */
    Object params();
}
