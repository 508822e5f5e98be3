package dev.keel.jsonrpc;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
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

    /** How many characters of an over-long value an error quotes. */
    private static final int EXCERPT = 32;

    private static final String VERSION = "2.0";

    private final JsonMapper mapper;
    private final JsonRpcLimits limits;
    private final ObjectWriter defaultWriter;

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
        Objects.checkFromIndexSize(offset, length, input.length);
        if (length > limits.maxMessageBytes()) {
            return new Decoded.Invalid(null, tooLarge(length), true);
        }
        Reading reading = new Reading(input, offset);
        // tokens only: the codec binds nothing itself, and a data-binding context per message is waste;
        // duplicate members are found by Reading.name, more cheaply than Jackson's detector (a set per object)
        try (JsonParser p = mapper.tokenStreamFactory().createParser(RawJson.TOKENS_ONLY, input, offset, length)) {
            JsonToken first = p.nextToken();
            Decoded decoded;
            if (first == null) {
                return new Decoded.Invalid(null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                        "Invalid Request: the message is empty"), true);
            } else if (first == JsonToken.START_OBJECT) {
                decoded = readObject(p, reading);
            } else if (first == JsonToken.START_ARRAY) {
                decoded = readBatch(p, reading);
            } else {
                skip(p, reading);
                decoded = new Decoded.Invalid(null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                        "Invalid Request: a message must be a JSON object"), true);
            }
            if (p.nextToken() != null) {
                return new Decoded.Invalid(null, JsonRpcError.of(JsonRpcError.PARSE_ERROR,
                        "Parse error: unexpected data after the end of the message" + at(p)), true);
            }
            return decoded;
        } catch (StreamConstraintsException e) {
            return new Decoded.Invalid(reading.id, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: " + constraintMessage(e)), true);
        } catch (JacksonException e) {
            return new Decoded.Invalid(null, JsonRpcError.of(JsonRpcError.PARSE_ERROR,
                    "Parse error: " + firstSentence(e.getOriginalMessage()) + at(e)), true);
        }
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

    private Decoded readBatch(JsonParser p, Reading reading) {
        List<Decoded> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (items.size() == limits.maxBatchSize()) {
                skip(p, reading);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    skip(p, reading);
                }
                return new Decoded.Invalid(null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                        "Invalid Request: a batch may hold at most " + limits.maxBatchSize() + " messages"), true);
            }
            if (t == JsonToken.START_OBJECT) {
                reading.id = null;
                items.add(readObject(p, reading));
            } else {
                skip(p, reading);
                items.add(new Decoded.Invalid(null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                        "Invalid Request: each batch element must be a JSON object"), true));
            }
        }
        if (items.isEmpty()) {
            return new Decoded.Invalid(null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: a batch must not be empty"), true);
        }
        return new Decoded.Batch(items);
    }

    /** Reads one message object; the parser is on its START_OBJECT and ends on its END_OBJECT. */
    private Decoded readObject(JsonParser p, Reading reading) {
        String version = null;
        boolean versionInvalid = false;
        boolean hasId = false;
        String idProblem = null;
        RequestId id = null;
        String method = null;
        boolean methodInvalid = false;
        String methodProblem = "method must be a string";
        RawJson params = null;
        String paramsProblem = null;
        RawJson result = null;
        boolean hasError = false;
        JsonRpcError error = null;
        String name;
        reading.open();
        while ((name = p.nextName()) != null) {
            reading.name(p, name);
            JsonToken value = p.nextToken();
            switch (name) {
                case "jsonrpc" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        version = p.getString();
                    } else {
                        versionInvalid = true;
                        skip(p, reading);
                    }
                }
                case "id" -> {
                    hasId = true;
                    switch (value) {
                        case VALUE_STRING -> {
                            int length = p.getStringLength();
                            if (length > limits.maxIdLength()) {
                                idProblem = "the id is " + length + " characters long, more than the limit of "
                                        + limits.maxIdLength() + " (it begins \"" + excerpt(p) + "\")";
                            } else {
                                id = RequestId.of(p.getString());
                            }
                        }
                        case VALUE_NUMBER_INT -> {
                            JsonParser.NumberType type = p.getNumberType();
                            if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                                id = RequestId.of(p.getLongValue());
                            } else {
                                idProblem = "the id is an integer outside the 64-bit range";
                            }
                        }
                        case VALUE_NULL -> idProblem = "the id must not be null";
                        default -> {
                            idProblem = "the id must be a string or an integer";
                            skip(p, reading);
                        }
                    }
                    reading.id = id;
                }
                case "method" -> {
                    if (value == JsonToken.VALUE_STRING && p.getStringLength() > limits.maxNameLength()) {
                        methodProblem = "the method is " + p.getStringLength()
                                + " characters long, more than the limit of " + limits.maxNameLength();
                        methodInvalid = true;
                    } else if (value == JsonToken.VALUE_STRING) {
                        method = p.getString();
                    } else {
                        methodInvalid = true;
                        skip(p, reading);
                    }
                }
                case "params" -> {
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        params = slice(p, reading);
                    } else {
                        paramsProblem = "params must be an object";
                    }
                }
                case "result" -> result = slice(p, reading);
                case "error" -> {
                    hasError = true;
                    error = value == JsonToken.START_OBJECT ? readError(p, reading) : null;
                    if (value != JsonToken.START_OBJECT) {
                        skip(p, reading);
                    }
                }
                default -> skip(p, reading);
            }
        }
        reading.close();

        boolean isResponse = method == null && !methodInvalid && (result != null || hasError);
        boolean isNotification = (method != null || methodInvalid) && !hasId;
        boolean owesAnswer = !isResponse && !isNotification;
        RequestId answerId = idProblem == null ? id : null;
        if (versionInvalid || !VERSION.equals(version)) {
            return invalid(answerId, "jsonrpc must be \"2.0\"", owesAnswer);
        }
        if (methodInvalid) {
            return invalid(answerId, methodProblem, owesAnswer);
        }
        if (method != null) {
            if (result != null || hasError) {
                return invalid(answerId, "a message cannot carry both a method and a result or error", owesAnswer);
            }
            if (idProblem != null) {
                return invalid(null, idProblem, true);
            }
            if (paramsProblem != null) {
                return invalid(id, paramsProblem, hasId);
            }
            return new Decoded.Message(hasId ? new Request(id, method, params) : new Notification(method, params));
        }
        if (result != null && hasError) {
            return invalid(answerId, "a response cannot carry both a result and an error", false);
        }
        if (result != null) {
            if (id == null) {
                return invalid(null, idProblem != null ? idProblem : "a result response must carry the request id",
                        false);
            }
            return new Decoded.Message(Response.success(id, result));
        }
        if (hasError) {
            if (error == null) {
                return invalid(answerId, "error must be an object with an integer code and a string message", false);
            }
            if (idProblem != null && !"the id must not be null".equals(idProblem)) {
                return invalid(null, idProblem, false);
            }
            return new Decoded.Message(Response.failure(id, error));
        }
        return invalid(answerId, "a message needs a method, a result or an error", true);
    }

    /** The first characters of the string the parser is at, for an error that must not echo it whole. */
    private static String excerpt(JsonParser p) {
        char[] chars = p.getStringCharacters();
        int n = Math.min(p.getStringLength(), EXCERPT);
        StringBuilder out = new StringBuilder(n + 1);
        for (int i = p.getStringOffset(), end = i + n; i < end; i++) {
            char c = chars[i];
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.append('\u2026').toString();
    }

    private static Decoded.Invalid invalid(RequestId id, String problem, boolean request) {
        return new Decoded.Invalid(id, JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "Invalid Request: " + problem),
                request);
    }

    /** Reads an error object, or returns null when it lacks an integer code or a string message. */
    private JsonRpcError readError(JsonParser p, Reading reading) {
        Integer code = null;
        String message = null;
        RawJson data = null;
        String name;
        reading.open();
        while ((name = p.nextName()) != null) {
            reading.name(p, name);
            JsonToken value = p.nextToken();
            switch (name) {
                case "code" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        code = p.getIntValue();
                    }
                }
                case "message" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        message = p.getString();
                    }
                }
                case "data" -> data = slice(p, reading);
                default -> skip(p, reading);
            }
        }
        reading.close();
        return code == null || message == null ? null : new JsonRpcError(code, message, data);
    }

    /** Slices the value the parser is on out of the input, leaving the parser on its last token. */
    private RawJson slice(JsonParser p, Reading reading) {
        int start = (int) p.currentTokenLocation().getByteOffset();
        if (p.currentToken().isStructStart()) {
            skip(p, reading);
        } else {
            p.finishToken();
        }
        int end = (int) p.currentLocation().getByteOffset();
        return new RawJson(reading.input, reading.base + start, end - start, mapper);
    }

    /**
     * Skips the value the parser is on, as {@link JsonParser#skipChildren()} does, checking every
     * object in it for duplicate members.
     */
    private static void skip(JsonParser p, Reading reading) {
        JsonToken token = p.currentToken();
        if (token == null || !token.isStructStart()) {
            return;
        }
        int depth = 0;
        do {
            switch (token) {
                case START_OBJECT -> {
                    reading.open();
                    depth++;
                }
                case START_ARRAY -> depth++;
                case END_OBJECT -> {
                    reading.close();
                    depth--;
                }
                case END_ARRAY -> depth--;
                case PROPERTY_NAME -> reading.name(p, p.currentName());
                default -> {
                }
            }
            if (depth == 0) {
                return;
            }
            token = p.nextToken();
        } while (token != null);
    }

    private static String constraintMessage(StreamConstraintsException e) {
        String message = e.getOriginalMessage();
        int from = message.indexOf(" (from `");
        if (from < 0) {
            from = message.indexOf(", from `");
        }
        return firstSentence(from > 0 ? message.substring(0, from) + ")" : message);
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    private static String at(JacksonException e) {
        var location = e.getLocation();
        return location == null ? "" : " at column " + location.getColumnNr();
    }

    private static String at(JsonParser p) {
        return " at column " + p.currentTokenLocation().getColumnNr();
    }

    /**
     * Per-decode state: where the input lives, the id once read (for errors raised later), and the
     * member names of the objects open at this point, so that a duplicate member anywhere in the
     * message is refused: a JSON object with two members of one name means different things to
     * different readers. One array for all open objects, searched from the current object's start;
     * an object with more than {@link #SCAN} members also gets a set, so a huge one costs no more
     * than linear time.
     */
    private static final class Reading {
        private static final int SCAN = 8;

        final byte[] input;
        final int base;
        RequestId id;
        private String[] names = new String[16];
        private int size;
        private int[] starts = new int[8];
        private Set<?>[] sets = new Set<?>[8];
        private int depth = -1;

        Reading(byte[] input, int base) {
            this.input = input;
            this.base = base;
        }

        void open() {
            if (++depth == starts.length) {
                starts = Arrays.copyOf(starts, depth * 2);
                sets = Arrays.copyOf(sets, depth * 2);
            }
            starts[depth] = size;
        }

        void close() {
            size = starts[depth];
            sets[depth] = null;
            depth--;
        }

        @SuppressWarnings("unchecked")
        void name(JsonParser p, String name) {
            int start = starts[depth];
            Set<String> set = (Set<String>) sets[depth];
            if (set != null) {
                if (!set.add(name)) {
                    throw duplicate(p, name);
                }
                return;
            }
            for (int i = start; i < size; i++) {
                if (names[i].equals(name)) {  // Jackson canonicalizes names: mostly a reference check
                    throw duplicate(p, name);
                }
            }
            if (size - start == SCAN) {
                set = new HashSet<>();
                for (int i = start; i < size; i++) {
                    set.add(names[i]);
                }
                set.add(name);
                sets[depth] = set;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
            }
            names[size++] = name;
        }

        private static StreamReadException duplicate(JsonParser p, String name) {
            return new StreamReadException(p, "Duplicate Object property \"" + name + "\"");
        }
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
