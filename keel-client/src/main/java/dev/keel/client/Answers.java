package dev.keel.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.CreateMessageRequest;
import dev.keel.spec.CreateMessageRequestParams;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitRequest;
import dev.keel.spec.ElicitRequestParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.InputRequest;
import dev.keel.spec.InputResponse;
import dev.keel.spec.ListRootsRequest;
import dev.keel.spec.ListRootsResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.Root;

/**
 * How the client answers the server's questions, with the handlers of its {@link ClientOptions}:
 * the input requests of a 2026-07-28 input-required result, and the requests a legacy server sends
 * ({@code elicitation/create}, {@code sampling/createMessage}, {@code roots/list}, {@code ping}).
 * A question without a handler, or one whose handler returns {@code null}, has no answer. Thread-safe
 * if the handlers are.
 */
final class Answers {

    private final ClientOptions options;

    Answers(ClientOptions options) {
        this.options = options;
    }

    /** The capabilities the handlers stand for: elicitation (forms), sampling and roots, as given. */
    static ClientCapabilities implied(Function<ElicitRequestParams, ElicitResult> elicitation,
            Function<CreateMessageRequestParams, CreateMessageResult> sampling, List<Root> roots) {
        return new ClientCapabilities(null,
                roots == null ? null : new ClientCapabilities.Roots(false),
                sampling == null ? null : new ClientCapabilities.Sampling(null, null),
                elicitation == null ? null : new ClientCapabilities.Elicitation(Map.of(), null),
                null);
    }

    /** The answer to {@code question}, or {@code null} if this client has none. */
    InputResponse answer(InputRequest question) {
        return switch (question) {
            case ElicitRequest elicit -> options.elicitation() == null ? null : options.elicitation().apply(elicit.params());
            case CreateMessageRequest sample -> options.sampling() == null ? null : options.sampling().apply(sample.params());
            case ListRootsRequest roots -> options.roots() == null ? null : new ListRootsResult(options.roots(), null);
        };
    }

    /** The answers to every question, by the server's keys; {@code null} if one of them has none. */
    Map<String, InputResponse> answerAll(Map<String, InputRequest> questions) {
        Map<String, InputResponse> answers = new LinkedHashMap<>();
        for (Map.Entry<String, InputRequest> question : questions.entrySet()) {
            InputResponse answer = answer(question.getValue());
            if (answer == null) {
                return null;
            }
            answers.put(question.getKey(), answer);
        }
        return answers;
    }

    /**
     * The response to a legacy server's request: {@code -32601} for a method this client does not
     * offer, {@code -32603} if a handler fails, and {@code null} when a handler gives no answer (a user
     * who never responds): the request stays unanswered.
     */
    Response answer(Request request) {
        String method = request.method();
        boolean offered = switch (method) {
            case McpMethods.PING -> true;
            case McpMethods.ELICITATION_CREATE -> options.elicitation() != null;
            case McpMethods.SAMPLING_CREATE_MESSAGE -> options.sampling() != null;
            case McpMethods.ROOTS_LIST -> options.roots() != null;
            default -> false;
        };
        if (!offered) {
            return Response.failure(request.id(), JsonRpcError.of(JsonRpcError.METHOD_NOT_FOUND,
                    "This client does not offer " + method));
        }
        Object result;
        try {
            result = switch (method) {
                case McpMethods.PING -> Map.of();
                case McpMethods.ELICITATION_CREATE -> answer(new ElicitRequest(
                        request.rawParams().bind(ElicitRequestParams.class)));
                case McpMethods.SAMPLING_CREATE_MESSAGE -> answer(new CreateMessageRequest(
                        request.rawParams().bind(CreateMessageRequestParams.class)));
                default -> answer(ListRootsRequest.instance());
            };
        } catch (RuntimeException e) {
            return Response.failure(request.id(), JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, String.valueOf(e.getMessage())));
        }
        return result == null ? null : Response.success(request.id(), result);
    }
}
