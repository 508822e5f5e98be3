package dev.keel.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The sender or recipient of messages and data in a conversation. */
public enum Role {
    @JsonProperty("user")
    USER,
    @JsonProperty("assistant")
    ASSISTANT
}
