package dev.keel.core;

import java.security.Principal;
import java.util.Map;

import dev.keel.spec.InputRequiredResult;
import dev.keel.spec.InputResponse;
import dev.keel.spec.Result;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests whose handler may ask the client ({@code tools/call}, {@code prompts/get},
 * {@code resources/read}). In a legacy session the question is a server-to-client request on the
 * request's stream; in 2026-07-28 the request ends with an {@code InputRequiredResult} carrying the
 * questions and the sealed state, and the client asks again with the answers, which this class opens
 * and checks against the very request they belong to.
 */
final class InputRounds {

    /** The handler's work, which may throw {@link InputState.Needed} to go and ask. */
    @FunctionalInterface
    interface Work {
        Result run() throws Exception;
    }

    private final Sealer sealer;
    private final JsonMapper mapper;
    private final EngineSettings settings;

    InputRounds(Sealer sealer, JsonMapper mapper, EngineSettings settings) {
        this.sealer = sealer;
        this.mapper = mapper;
        this.settings = settings;
    }

    /**
     * Runs {@code work} for the request named by {@code method} and {@code name} (its arguments as sent,
     * and the state and answers of an earlier round, if any): its result, or the input-required result
     * for the question its handler is waiting on.
     */
    Result run(CallContext context, String method, String name, JsonNode arguments, String requestState,
            Map<String, InputResponse> inputResponses, Work work) throws Exception {
        context.scope.mayAskClient = true;
        if (context.isModern()) {
            Principal principal = context.get(CallContext.PRINCIPAL);
            context.scope.input = InputState.resume(method, name, arguments, principal == null ? null : principal.getName(),
                    requestState, inputResponses, sealer, mapper, settings.clock());
        }
        Result result;
        try {
            result = work.run();
        } catch (InputState.Needed needed) {
            return inputRequired(context);
        }
        InputState input = context.scope.input;
        return input != null && input.pending != null ? inputRequired(context) : result;
    }

    private Result inputRequired(CallContext context) {
        InputState input = context.scope.input;
        return InputRequiredResult.of(input.pending.requests, input.seal(sealer, mapper, settings.clock(), settings.inputRequestTtl().toMillis()));
    }
}
