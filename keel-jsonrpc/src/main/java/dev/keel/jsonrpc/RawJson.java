package dev.keel.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A JSON value kept as the bytes it arrived in, bound to a tree or a Java type only when someone
 * asks: the {@code json.RawMessage} of Go, for {@code params} and {@code result}.
 *
 * <p>The codec slices values out of the message buffer without copying; a message buffer must
 * therefore not be reused while any of its values is alive (transports hand the codec a fresh
 * array per message). Instances are immutable and safe to share between threads. Binding
 * failures surface as Jackson's unchecked {@link JacksonException}.
 */
public final class RawJson implements JacksonSerializable {

    private final byte[] buffer;
    private final int offset;
    private final int length;
    private final ObjectMapper mapper;

    RawJson(byte[] buffer, int offset, int length, ObjectMapper mapper) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Wraps the UTF-8 JSON text {@code json}, to be bound with {@code mapper}. */
    public static RawJson of(String json, ObjectMapper mapper) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new RawJson(bytes, 0, bytes.length, mapper);
    }

    /**
     * The text from byte {@code from} to byte {@code to} of this value, as offsets of a {@link #parser()}
     * over it report them (e.g. one member's value), sharing this value's bytes.
     */
    public RawJson slice(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        return new RawJson(buffer, offset + from, to - from, mapper);
    }

    /** This value with bytes of its own: to keep it without keeping the whole message it came from. */
    public RawJson copy() {
        return new RawJson(java.util.Arrays.copyOfRange(buffer, offset, offset + length), 0, length, mapper);
    }

    /** The length of the value's JSON text in bytes. */
    public int length() {
        return length;
    }

    /** Whether the value is a JSON object. */
    public boolean isObject() {
        return firstByte() == '{';
    }

    /** Whether the value is a JSON array. */
    public boolean isArray() {
        return firstByte() == '[';
    }

    private int firstByte() {
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    /** Parses the value into a tree. Each call parses anew; keep the tree if you need it twice. */
    public JsonNode tree() {
        return mapper.readTree(buffer, offset, length);
    }

    /** Binds the value to {@code type}. */
    public <T> T bind(Class<T> type) {
        return mapper.readValue(buffer, offset, length, type);
    }

    /** Binds the value to {@code type}. */
    public <T> T bind(JavaType type) {
        return mapper.readValue(buffer, offset, length, type);
    }

    /** Binds the value to {@code type}. */
    public <T> T bind(TypeReference<T> type) {
        return mapper.readValue(buffer, offset, length, type);
    }

    /**
     * Opens a streaming parser over the value, for callers that pick a few fields out of it. The
     * parser only reads tokens (it carries no data-binding context, which would cost a context per
     * parser): bind a value under it with an {@code ObjectReader} of the mapper. It does not look for
     * duplicate members again: the codec refused any when it read the message this value came from.
     */
    public tools.jackson.core.JsonParser parser() {
        return mapper.tokenStreamFactory().createParser(TOKENS_ONLY, buffer, offset, length);
    }

    /**
     * The string member {@code name} of this value, read without binding anything: {@code null} if the
     * value is not an object, lacks the member, has it with another type, or is malformed (whoever
     * reads it properly reports that). For a glance at one member (a tool's name, a resource's URI)
     * before the value is read in full.
     */
    public String stringMember(String name) {
        if (!isObject()) {
            return null;
        }
        try (tools.jackson.core.JsonParser parser = parser()) {
            parser.nextToken();
            while (parser.nextToken() == tools.jackson.core.JsonToken.PROPERTY_NAME) {
                boolean wanted = name.equals(parser.currentName());
                tools.jackson.core.JsonToken value = parser.nextToken();
                if (wanted) {
                    return value == tools.jackson.core.JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * What {@link #parser()} and the codec read with: no data binding, and no duplicate detector of
     * Jackson's (the codec checks member names itself, once per message).
     */
    static final tools.jackson.core.ObjectReadContext TOKENS_ONLY = new tools.jackson.core.ObjectReadContext.Base() {
        @Override
        public int getStreamReadFeatures(int defaults) {
            return defaults & ~tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION.getMask();
        }
    };

    /** The value's JSON text, exactly as received. */
    @Override
    public String toString() {
        return new String(buffer, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public void serialize(JsonGenerator gen, SerializationContext context) throws JacksonException {
        gen.writeRawValue(toString());
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializationContext context, TypeSerializer typeSer)
            throws JacksonException {
        serialize(gen, context);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RawJson that) || that.length != length) {
            return false;
        }
        return java.util.Arrays.equals(buffer, offset, offset + length, that.buffer, that.offset, that.offset + length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + buffer[i];
        }
        return h;
    }
}
