package dev.keel.core;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.keel.jsonrpc.JsonRpcLimits;
import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.ClientCapabilities;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Picks the members the engine needs out of a request's {@code params} with Jackson's streaming
 * parser, in one pass, skipping everything else unread: the hot path's alternative to binding a
 * record, which builds a map of every member and calls the record's constructor reflectively.
 * Members of the wrong type are invalid params that name the member.
 */
final class ParamsReader implements AutoCloseable {

    /** The most values {@link #bindRemembered} keeps per memo. */
    static final int MEMO_LIMIT = 256;

    private final RawJson source;
    private final JsonParser parser;
    private final Binders binders;
    private final String what;

    private ParamsReader(RawJson source, JsonParser parser, Binders binders, String what) {
        this.source = source;
        this.parser = parser;
        this.binders = binders;
        this.what = what;
    }

    /**
     * Readers of member values, one per type, made once per server from the codec's mapper: reading a
     * value in the middle of a document must not fail on the tokens that follow it, and a reader per
     * call would look its deserializer up again each time.
     */
    static final class Binders {
        private final ObjectReader base;
        private final ObjectReader tree;
        private final Map<Type, ObjectReader> byType = new ConcurrentHashMap<>();
        /** Client capabilities by their JSON text ({@link #bindRemembered}). */
        final Map<RawJson, ClientCapabilities> capabilities = new ConcurrentHashMap<>();
        /** The longest progress token, as long as the longest id. */
        final int maxIdLength;
        /** The caps on the names and URIs the readers read. */
        final InputLimits limits;

        /** Binders with the default limits. */
        Binders(JsonMapper mapper) {
            this(mapper, JsonRpcLimits.defaults(), InputLimits.defaults());
        }

        Binders(JsonMapper mapper, JsonRpcLimits rpcLimits, InputLimits limits) {
            this.base = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            this.tree = base.forType(JsonNode.class);
            this.maxIdLength = rpcLimits.maxIdLength();
            this.limits = limits;
        }

        ObjectReader of(Class<?> type) {
            return byType.computeIfAbsent(type, t -> base.forType(type));
        }

        ObjectReader of(TypeReference<?> type) {
            return byType.computeIfAbsent(type.getType(), t -> base.forType(type));
        }
    }

    /**
     * Opens {@code params}, which must be a JSON object; {@code what} names it in errors
     * ({@code "params"}, {@code "tools/call params"}).
     */
    static ParamsReader open(RawJson params, Binders binders, String what) {
        JsonParser parser = params.parser();
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.close();
                throw McpException.invalidParams("Invalid params: " + what + " must be a JSON object");
            }
        } catch (JacksonException e) {
            parser.close();
            throw Failures.bindingFailure(what + " are malformed", e);
        }
        return new ParamsReader(params, parser, binders, what);
    }

    Binders binders() {
        return binders;
    }

    /** Moves to the next member's value and returns its name, or {@code null} at the end of the object. */
    String next() {
        try {
            if (parser.nextToken() != JsonToken.PROPERTY_NAME) {
                return null;
            }
            String name = parser.currentName();
            parser.nextToken();
            return name;
        } catch (JacksonException e) {
            throw Failures.bindingFailure(what + " are malformed", e);
        }
    }

    /** Skips the current member's value. */
    void skip() {
        try {
            parser.skipChildren();
        } catch (JacksonException e) {
            throw Failures.bindingFailure(what + " are malformed", e);
        }
    }

    /** Whether the current value is JSON {@code null}. */
    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /** Whether the current value is an object. */
    boolean isObject() {
        return parser.currentToken() == JsonToken.START_OBJECT;
    }

    /** The current value as a string, {@code null} for JSON null; anything else is invalid params. */
    String string(String member) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw McpException.invalidParams("Invalid params: " + member + " must be a string");
        }
        try {
            return parser.getString();
        } catch (JacksonException e) {
            throw Failures.bindingFailure(member + " is malformed", e);
        }
    }

    /** The current value as an id or progress token (a string or an integer), {@code null} for JSON null. */
    RequestId id(String member) {
        try {
            return switch (parser.currentToken()) {
                case VALUE_NULL -> null;
                case VALUE_STRING -> RequestId.of(InputLimits.capped(parser.getString(), binders.maxIdLength, member));
                case VALUE_NUMBER_INT -> RequestId.of(parser.getLongValue());
                default -> throw McpException.invalidParams("Invalid params: " + member
                        + " must be a string or an integer");
            };
        } catch (JacksonException e) {
            throw Failures.bindingFailure(member + " is malformed", e);
        }
    }

    /** The current value bound to {@code type} with the codec's mapper, {@code null} for JSON null. */
    <T> T bind(String member, Class<T> type) {
        return read(member, binders.of(type));
    }

    /** The current value bound to {@code type} with the codec's mapper, {@code null} for JSON null. */
    <T> T bind(String member, TypeReference<T> type) {
        return read(member, binders.of(type));
    }

    /**
     * The current value bound to {@code type}, {@code null} for JSON null, taken from {@code memo} when
     * the same JSON text was bound before: a client sends the same capabilities with every request,
     * and binding them is a third of what reading a call's params allocates. The memo keeps at most
     * {@link #MEMO_LIMIT} values, each with its own copy of the text; what it holds is shared between
     * requests, so {@code type} must be a value nobody changes.
     */
    <T> T bindRemembered(String member, Class<T> type, Map<RawJson, T> memo) {
        if (isNull()) {
            return null;
        }
        if (!parser.currentToken().isStructStart()) {
            return bind(member, type);
        }
        RawJson value;
        try {
            int start = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            value = source.slice(start, (int) parser.currentLocation().getByteOffset());
        } catch (JacksonException e) {
            throw Failures.bindingFailure(member + " is malformed", e);
        }
        T known = memo.get(value);
        if (known != null) {
            return known;
        }
        T bound;
        try {
            bound = value.bind(type);
        } catch (JacksonException e) {
            throw Failures.bindingFailure(member + " is malformed", e);
        }
        if (memo.size() < MEMO_LIMIT) {
            memo.putIfAbsent(value.copy(), bound);
        }
        return bound;
    }

    /** The current value as a tree, {@code null} for JSON null. */
    JsonNode tree(String member) {
        return read(member, binders.tree);
    }

    private <T> T read(String member, ObjectReader reader) {
        if (isNull()) {
            return null;
        }
        try {
            return reader.readValue(parser);
        } catch (JacksonException e) {
            throw Failures.bindingFailure(member + " is malformed", e);
        }
    }

    @Override
    public void close() {
        parser.close();
    }
}
