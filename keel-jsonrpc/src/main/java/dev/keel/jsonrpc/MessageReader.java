package dev.keel.jsonrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reading half of {@link JsonRpcCodec}: one pass of Jackson's token stream over a message, strict
 * about structure (version, id types, duplicate members, every {@link JsonRpcLimits limit}), lenient
 * about content, {@code params} and {@code result} kept as slices of the input. Bad input becomes a
 * {@link Decoded.Invalid} carrying the exact error, never an exception. Immutable and thread-safe.
 */
final class MessageReader {

    /** How many characters of an over-long value an error quotes. */
    private static final int EXCERPT = 32;

    private final JsonMapper mapper;
    private final JsonRpcLimits limits;

    MessageReader(JsonMapper mapper, JsonRpcLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
    }

    /**
     * Decodes one unit of input from {@code input[offset, offset + length)}. The array must not be
     * changed afterwards: decoded values are slices of it.
     */
    Decoded decode(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        if (length > limits.maxMessageBytes()) {
            return JsonRpcCodec.tooLarge(length, limits.maxMessageBytes());
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
                            // read first, then measured: the string costs what the message did, and
                            // asking Jackson for the length first would cost every id a copy
                            String text = p.getString();
                            if (text.length() > limits.maxIdLength()) {
                                idProblem = "the id is " + text.length() + " characters long, more than the limit of "
                                        + limits.maxIdLength() + " (it begins \"" + excerpt(text) + "\")";
                            } else {
                                id = RequestId.of(text);
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
                    if (value == JsonToken.VALUE_STRING) {
                        method = p.getString();
                        if (method.length() > limits.maxNameLength()) {
                            methodProblem = "the method is " + method.length()
                                    + " characters long, more than the limit of " + limits.maxNameLength();
                            method = null;
                            methodInvalid = true;
                        }
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
        if (versionInvalid || !JsonRpcCodec.VERSION.equals(version)) {
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
    private static String excerpt(String text) {
        int n = Math.min(text.length(), EXCERPT);
        StringBuilder out = new StringBuilder(n + 1);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
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
}
