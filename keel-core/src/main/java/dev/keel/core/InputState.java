package dev.keel.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.keel.spec.CreateMessageRequest;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitRequest;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.InputRequest;
import dev.keel.spec.InputResponse;
import dev.keel.spec.ListRootsRequest;
import dev.keel.spec.ListRootsResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client answers a 2026-07-28 request has gathered across its round trips
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">multi round-trip requests</a>).
 *
 * <p>The handler runs again from the start on every retry; each of its questions gets a key in the
 * order it is asked ({@code elicit-1}, {@code sample-2}, …), and a question whose key has an answer
 * is answered at once. The answers used so far travel in the {@code requestState}, sealed
 * with AES-GCM and bound to the method, the tool, prompt or resource, a digest of the arguments, the
 * principal and an expiry, so a client can neither forge answers nor replay them against another
 * request. Not thread-safe: it belongs to one run of one handler.
 */
final class InputState {

    /** Thrown through the handler to end its attempt with an input-required result. */
    static final class Needed extends Error {
        final Map<String, InputRequest> requests;

        Needed(Map<String, InputRequest> requests) {
            super("the client's input is needed", null, false, false);
            this.requests = requests;
        }
    }

    private static final String PURPOSE = "request-state";

    final String method;
    final String name;
    /** The call's arguments, digested only when a state is opened or sealed: most calls ask nothing. */
    private final JsonNode arguments;
    private String digest;
    final String principal;
    /** Answers the client has given, by key: from the sealed state, and from this request's inputResponses. */
    private final Map<String, InputResponse> answers;
    /** The answers the handler has used on this attempt: what the next state carries. */
    private final Map<String, InputResponse> used = new LinkedHashMap<>();
    private int asked;
    Needed pending;

    private InputState(String method, String name, JsonNode arguments, String principal,
            Map<String, InputResponse> answers) {
        this.method = method;
        this.name = name;
        this.arguments = arguments;
        this.principal = principal;
        this.answers = answers;
    }

    /**
     * The answers a request carries: the ones sealed in its {@code requestState}, checked to belong to
     * this very request, and its {@code inputResponses}. Answers to questions the handler never asks
     * are ignored; an answer of the wrong kind leaves its question unanswered, so it is asked again.
     * A request without {@code requestState} may still answer questions ahead of time.
     *
     * @throws McpException invalid params for a forged, altered, expired or foreign state
     */
    static InputState resume(String method, String name, JsonNode arguments, String principal, String requestState,
            Map<String, InputResponse> inputResponses, Sealer sealer, JsonMapper mapper, Clock clock) {
        InputState opened = new InputState(method, name, arguments, principal, new LinkedHashMap<>());
        if (requestState != null) {
            byte[] plain = sealer.open(requestState, PURPOSE);
            if (plain == null) {
                throw McpException.invalidParams("Invalid params: requestState was not issued by this server or has"
                        + " been altered");
            }
            JsonNode state;
            try {
                state = mapper.readTree(plain);
            } catch (JacksonException e) {
                throw McpException.invalidParams("Invalid params: requestState is unreadable");
            }
            if (clock.millis() >= state.path("e").asLong()) {
                throw McpException.invalidParams("Invalid params: requestState has expired; send the request again"
                        + " without it");
            }
            String expectedPrincipal = principal == null ? "" : principal;
            if (!method.equals(state.path("m").asString()) || !name.equals(state.path("n").asString())
                    || !opened.digest().equals(state.path("d").asString())
                    || !expectedPrincipal.equals(state.path("p").asString())) {
                throw McpException.invalidParams("Invalid params: requestState belongs to another request");
            }
            for (Map.Entry<String, JsonNode> answer : state.path("a").properties()) {
                opened.answers.put(answer.getKey(), mapper.treeToValue(answer.getValue(), InputResponse.class));
            }
        }
        if (inputResponses != null) {
            inputResponses.forEach(opened.answers::putIfAbsent);
        }
        return opened;
    }

    /** The digest of the arguments this state is bound to. */
    private String digest() {
        if (digest == null) {
            digest = digest(arguments);
        }
        return digest;
    }

    /**
     * The answers to {@code questions} (by key; a {@code null} key is named by kind and order,
     * {@code elicit-1}), or {@link Needed} thrown to go and ask the ones without an answer.
     */
    Map<String, InputResponse> answerOrAsk(Map<String, InputRequest> questions) {
        Map<String, InputResponse> found = new LinkedHashMap<>();
        Map<String, InputRequest> missing = new LinkedHashMap<>();
        questions.forEach((key, question) -> {
            InputResponse answer = answers.get(key);
            if (answer != null && kindOf(answer).equals(kindOf(question))) {
                found.put(key, answer);
            } else {
                missing.put(key, question);
            }
        });
        if (!missing.isEmpty()) {
            pending = new Needed(missing);
            throw pending;
        }
        used.putAll(found);
        return found;
    }

    /** The key of the next question of {@code request}'s kind asked without a key of its own. */
    String nextKey(InputRequest request) {
        return kindOf(request) + "-" + (++asked);
    }

    /** The sealed state to send with the input-required result for {@link #pending}. */
    String seal(Sealer sealer, JsonMapper mapper, Clock clock, long ttlMillis) {
        ObjectNode state = mapper.createObjectNode()
                .put("v", 1).put("m", method).put("n", name).put("d", digest())
                .put("p", principal == null ? "" : principal)
                .put("e", clock.millis() + ttlMillis);
        ObjectNode stored = state.putObject("a");
        used.forEach((key, answer) -> stored.set(key, mapper.valueToTree(answer)));
        return sealer.seal(mapper.writeValueAsBytes(state), PURPOSE);
    }

    private static String kindOf(InputRequest request) {
        return switch (request) {
            case ElicitRequest r -> "elicit";
            case CreateMessageRequest r -> "sample";
            case ListRootsRequest r -> "roots";
        };
    }

    private static String kindOf(InputResponse response) {
        return switch (response) {
            case ElicitResult r -> "elicit";
            case CreateMessageResult r -> "sample";
            case ListRootsResult r -> "roots";
        };
    }

    /** A digest of {@code arguments} that does not depend on the order of object members. */
    static String digest(JsonNode arguments) {
        StringBuilder canonical = new StringBuilder();
        canonicalize(arguments, canonical);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void canonicalize(JsonNode node, StringBuilder out) {
        if (node == null || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            sorted.forEach((key, value) -> {
                out.append(JsonNodeFactory.instance.stringNode(key)).append(':');
                canonicalize(value, out);
                out.append(',');
            });
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(element -> {
                canonicalize(element, out);
                out.append(',');
            });
            out.append(']');
        } else if (node.isNumber() && node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            out.append(node.doubleValue());  // a number too large for a double, read as infinity
        } else if (node.isNumber()) {
            // scientific form: the plain one of 1e308 is 309 characters, and a digest is over 4 MiB of them
            out.append(node.decimalValue().stripTrailingZeros().toString());
        } else {
            out.append(node);
        }
    }
}
