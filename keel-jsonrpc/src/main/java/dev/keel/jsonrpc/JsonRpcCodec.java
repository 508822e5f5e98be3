package dev.keel.jsonrpc;

import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes JSON-RPC 2.0 messages with Jackson's streaming API.
 *
 * <p>Reading is strict about structure and lenient about content: {@code jsonrpc} must be
 * {@code "2.0"}, ids must be strings or integers, a property may not appear twice, and every
 * {@link JsonRpcLimits limit} holds; unknown members are ignored. {@code params} and
 * {@code result} stay {@link RawJson} slices of the input until someone binds them. Bad input is
 * reported as a {@link Decoded.Invalid} carrying the exact error, never thrown.
 *
 * <p>Writing serialises results and params with an {@link ObjectWriter} the caller chooses (MCP
 * uses one Jackson view per protocol revision). Output is compact and never contains a raw
 * newline, so it can be framed by lines.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JsonRpcCodec {

    static final String VERSION = "2.0";

    private final JsonMapper mapper;
    private final JsonRpcLimits limits;
    private final ObjectWriter defaultWriter;
    private final MessageReader reader;

    private JsonRpcCodec(JsonRpcLimits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberLength())
                .maxNameLength(limits.maxNameLength())
                .maxDocumentLength(limits.maxMessageBytes())
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // properties without a view belong to every view (Jackson 3 turned this off by default)
                .enable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                // strict with structure: a number is not a string, a string is not a number or a boolean
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        this.defaultWriter = mapper.writer();
        this.reader = new MessageReader(mapper, limits);
    }

    /** A codec with the {@linkplain JsonRpcLimits#defaults() default limits}. */
    public static JsonRpcCodec create() {
        return new JsonRpcCodec(JsonRpcLimits.defaults());
    }

    /** A codec with the given limits. */
    public static JsonRpcCodec create(JsonRpcLimits limits) {
        return new JsonRpcCodec(Objects.requireNonNull(limits, "limits"));
    }

    /** The limits this codec enforces. */
    public JsonRpcLimits limits() {
        return limits;
    }

    /**
     * The mapper behind this codec, configured for the wire: nulls omitted, unknown properties
     * ignored, the limits above applied. Bind and write MCP values with it.
     */
    public JsonMapper mapper() {
        return mapper;
    }

    // ---------------------------------------------------------------- reading

    /** Decodes one unit of input: a message, or (syntactically) a batch. */
    public Decoded decode(byte[] input) {
        return decode(input, 0, input.length);
    }

    /**
     * Decodes one unit of input from {@code input[offset, offset + length)}. The array must not be
     * changed afterwards: decoded values are slices of it.
     */
    public Decoded decode(byte[] input, int offset, int length) {
        return reader.decode(input, offset, length);
    }

    /** The error for a message of {@code size} bytes over {@link JsonRpcLimits#maxMessageBytes()}. */
    public JsonRpcError tooLarge(long size) {
        return tooLarge(size, limits.maxMessageBytes()).error();
    }

    /**
     * What a transport hands on for input it refused to buffer because it was {@code size} bytes long,
     * more than its own {@code limit}: an invalid request without an id, to be answered.
     */
    public static Decoded.Invalid tooLarge(long size, long limit) {
        return new Decoded.Invalid(null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "Invalid Request: the message is "
                + size + " bytes, more than the limit of " + limit + " bytes"), true);
    }

    // ---------------------------------------------------------------- writing

    /** A writer for results and params serialised with the Jackson view {@code view}. */
    public ObjectWriter writer(Class<?> view) {
        return view == null ? defaultWriter : mapper.writerWithView(view);
    }

    /** Encodes {@code message} with the mapper's default writer. */
    public byte[] encode(JsonRpcMessage message) {
        return encode(message, defaultWriter);
    }

    /** Encodes {@code message}, serialising its params, result or error data with {@code writer}. */
    public byte[] encode(JsonRpcMessage message, ObjectWriter writer) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = writer.createGenerator((OutputStream) out)) {
            write(g, message);
        }
        return out.toByteArray();
    }

    /** Encodes the responses of a batch as one JSON array. */
    public byte[] encodeBatch(List<? extends JsonRpcMessage> messages, ObjectWriter writer) {
        ByteArrayBuilder out = new ByteArrayBuilder(256 * messages.size());
        try (JsonGenerator g = writer.createGenerator((OutputStream) out)) {
            g.writeStartArray();
            for (JsonRpcMessage message : messages) {
                write(g, message);
            }
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, JsonRpcMessage message) {
        g.writeStartObject();
        g.writeStringProperty("jsonrpc", VERSION);
        switch (message) {
            case Request r -> {
                writeId(g, r.id());
                g.writeStringProperty("method", r.method());
                if (r.params() != null) {
                    g.writeName("params");
                    g.writePOJO(r.params());
                }
            }
            case Notification n -> {
                g.writeStringProperty("method", n.method());
                if (n.params() != null) {
                    g.writeName("params");
                    g.writePOJO(n.params());
                }
            }
            case Response.Success s -> {
                writeId(g, s.id());
                g.writeName("result");
                g.writePOJO(s.result());
            }
            case Response.Failure f -> {
                // MCP (2025-11-25 and later) omits the id of an error whose request id was unreadable.
                if (f.id() != null) {
                    writeId(g, f.id());
                }
                g.writeName("error");
                g.writeStartObject();
                g.writeNumberProperty("code", f.error().code());
                g.writeStringProperty("message", f.error().message());
                if (f.error().data() != null) {
                    g.writeName("data");
                    g.writePOJO(f.error().data());
                }
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }

    private static void writeId(JsonGenerator g, RequestId id) {
        g.writeName("id");
        switch (id) {
            case RequestId.StringId s -> g.writeString(s.value());
            case RequestId.NumberId n -> g.writeNumber(n.number());
        }
    }
}
