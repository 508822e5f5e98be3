package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of a request that takes nothing but {@code _meta}, such as {@code server/discover}
 * (2026-07-28, where {@code _meta} carries the protocol version and client capabilities) or the
 * legacy {@code ping}.
 *
 * @param meta {@code _meta}, or {@code null}
 */
public record RequestParams(@JsonProperty("_meta") Map<String, Object> meta) {
}
