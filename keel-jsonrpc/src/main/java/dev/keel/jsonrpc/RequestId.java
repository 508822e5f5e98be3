package dev.keel.jsonrpc;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The id of a JSON-RPC request: a string or an integer, never {@code null}
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/index">MCP base protocol</a>).
 *
 * <p>An id keeps the JSON type and value it arrived with: {@code 1} is echoed as {@code 1}, never as
 * {@code "1"} or {@code 1.0}, and {@code "1"} and {@code 1} are different ids. Instances are
 * immutable and compare by type and value, so they can key tables of in-flight requests.
 */
public sealed interface RequestId permits RequestId.StringId, RequestId.NumberId {

    /** An id that was a JSON string. */
    static RequestId of(String value) {
        return new StringId(value);
    }

    /** An id that was a JSON integer. */
    static RequestId of(long value) {
        return new NumberId(value);
    }

    /**
     * Reads an id bound by Jackson from a JSON string or integer (progress tokens, cancelled request
     * ids and subscription ids share this shape).
     *
     * @throws IllegalArgumentException for any other JSON value
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RequestId fromJson(Object value) {
        return switch (value) {
            case String s -> new StringId(s);
            case Integer i -> new NumberId(i);
            case Long l -> new NumberId(l);
            case null, default -> throw new IllegalArgumentException("an id must be a string or an integer");
        };
    }

    /** The id as a Java value: a {@link String} or a {@link Long}; Jackson writes it as such. */
    @JsonValue
    Object value();

    /** A string id. */
    record StringId(String value) implements RequestId {
        public StringId {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    /** An integer id. JSON-RPC allows other numbers; MCP does not, so neither does Keel. */
    record NumberId(long number) implements RequestId {
        @Override
        public Object value() {
            return number;
        }

        @Override
        public String toString() {
            return Long.toString(number);
        }
    }
}
