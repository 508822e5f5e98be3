package dev.keel.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who may reuse a cached result (<a href="https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/caching">caching</a>). */
public enum CacheScope {
    /** No user-specific data: any client or shared cache may reuse it. */
    @JsonProperty("public")
    PUBLIC,
    /** Reusable only within the same authorization context. */
    @JsonProperty("private")
    PRIVATE
}
