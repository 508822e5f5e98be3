package dev.keel.core;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CancelledNotificationParams;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.CreateMessageRequest;
import dev.keel.spec.CreateMessageRequestParams;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitRequest;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitRequestURLParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.InputRequest;
import dev.keel.spec.InputResponse;
import dev.keel.spec.ListRootsRequest;
import dev.keel.spec.ListRootsResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.core.JacksonException;

/**
 * Asking the client, in either era
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">multi round-trip requests</a>,
 * <a href="https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation">legacy elicitation</a>).
 *
 * <p>In a legacy session the question is a server-to-client request on the stream of the request
 * being served, and the handler's thread waits for the answer, its deadline or its cancellation (a
 * cancelled question is withdrawn with {@code notifications/cancelled}). In 2026-07-28 the answer
 * comes from the request's {@link InputState}, or the attempt ends with an input-required result.
 * Either way the client must have declared the capability on this request (or session): otherwise
 * {@code -32021} names what is missing.
 */
final class ClientQuestions {

    private ClientQuestions() {
    }

    /** Asks one question; {@code key} names it in 2026-07-28 ({@code null}: by kind and order). */
    static <R extends InputResponse> R ask(CallContext context, String key, InputRequest request, Class<R> type)
            throws InterruptedException {
        String k = key != null ? key : context.isModern() && context.scope.input != null ? context.scope.input.nextKey(request)
                : "q";
        return type.cast(askAll(context, Map.of(k, request)).get(k));
    }

    /**
     * Asks several questions at once: in a legacy session as concurrent requests, in 2026-07-28 as one
     * input-required result with all of them.
     */
    static Map<String, InputResponse> askAll(CallContext context, Map<String, InputRequest> questions)
            throws InterruptedException {
        if (!context.scope.mayAskClient) {
            throw new IllegalStateException("a handler may ask the client only while serving tools/call, prompts/get"
                    + " or resources/read");
        }
        Map<String, InputRequest> asked = new LinkedHashMap<>();
        for (Map.Entry<String, InputRequest> question : questions.entrySet()) {
            requireCapability(context, question.getValue());
            asked.put(question.getKey(), context.isModern() ? withoutElicitationId(question.getValue())
                    : question.getValue());
        }
        if (context.isModern()) {
            return context.scope.input.answerOrAsk(asked);
        }
        if (context.scope.onTransportThread) {
            throw new IllegalStateException("a handler declared non-blocking runs on the transport's own thread and "
                    + "cannot wait for a legacy client's answer; drop nonBlocking() from the tool that asks");
        }
        Map<String, Future<InputResponse>> waiting = new LinkedHashMap<>();
        try (var scope = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map.Entry<String, InputRequest> question : asked.entrySet()) {
                waiting.put(question.getKey(), scope.submit(() -> askLegacy(context, question.getValue())));
            }
            Map<String, InputResponse> answers = new LinkedHashMap<>();
            for (Map.Entry<String, Future<InputResponse>> answer : waiting.entrySet()) {
                try {
                    answers.put(answer.getKey(), answer.getValue().get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new InterruptedException(e.getCause().getMessage());
                } catch (InterruptedException e) {
                    waiting.values().forEach(f -> f.cancel(true));
                    throw e;
                }
            }
            return answers;
        }
    }

    /** {@code elicitationId} belongs to legacy URL elicitation; 2026-07-28 has none. */
    private static InputRequest withoutElicitationId(InputRequest request) {
        if (request instanceof ElicitRequest e && e.params() instanceof ElicitRequestURLParams url
                && url.elicitationId() != null) {
            return new ElicitRequest(new ElicitRequestURLParams(url.message(), url.url(), null, url.meta()));
        }
        return request;
    }

    private static Class<? extends InputResponse> answerType(InputRequest request) {
        return switch (request) {
            case ElicitRequest e -> ElicitResult.class;
            case CreateMessageRequest c -> CreateMessageResult.class;
            case ListRootsRequest r -> ListRootsResult.class;
        };
    }

    private static String method(InputRequest request) {
        return switch (request) {
            case ElicitRequest e -> McpMethods.ELICITATION_CREATE;
            case CreateMessageRequest c -> McpMethods.SAMPLING_CREATE_MESSAGE;
            case ListRootsRequest r -> McpMethods.ROOTS_LIST;
        };
    }

    private static Object params(InputRequest request) {
        return switch (request) {
            case ElicitRequest e -> e.params();
            case CreateMessageRequest c -> c.params();
            case ListRootsRequest r -> r.params();
        };
    }

    /** Throws {@code -32021} unless the client declared what {@code request} needs. */
    static void requireCapability(CallContext context, InputRequest request) {
        ClientCapabilities caps = context.clientCapabilities();
        ProtocolVersion version = context.protocolVersion();
        switch (request) {
            case ElicitRequest e -> {
                boolean url = e.params() instanceof ElicitRequestURLParams;
                ClientCapabilities.Elicitation elicitation = version.atLeast(ProtocolVersion.V2025_06_18)
                        ? caps.elicitation() : null;
                if (url && (elicitation == null || !elicitation.supportsUrl()
                        || !version.atLeast(ProtocolVersion.V2025_11_25))) {
                    throw missing("URL-mode elicitation", new ClientCapabilities(null, null, null,
                            new ClientCapabilities.Elicitation(null, Map.of()), null));
                }
                if (!url && (elicitation == null || !elicitation.supportsForm())) {
                    throw missing("elicitation", new ClientCapabilities(null, null, null,
                            new ClientCapabilities.Elicitation(Map.of(), null), null));
                }
            }
            case CreateMessageRequest c -> {
                CreateMessageRequestParams p = c.params();
                if (caps.sampling() == null) {
                    throw missing("sampling", new ClientCapabilities(null, null,
                            new ClientCapabilities.Sampling(null, null), null, null));
                }
                if (p.tools() != null && (caps.sampling().tools() == null
                        || !version.atLeast(ProtocolVersion.V2025_11_25))) {
                    throw missing("sampling with tools", new ClientCapabilities(null, null,
                            new ClientCapabilities.Sampling(null, Map.of()), null, null));
                }
                if (p.includeContext() != null && p.includeContext() != CreateMessageRequestParams.IncludeContext.NONE
                        && caps.sampling().context() == null) {
                    throw missing("sampling with context", new ClientCapabilities(null, null,
                            new ClientCapabilities.Sampling(Map.of(), null), null, null));
                }
            }
            case ListRootsRequest r -> {
                if (caps.roots() == null) {
                    throw missing("roots", new ClientCapabilities(null, new ClientCapabilities.Roots(null), null, null,
                            null));
                }
            }
        }
    }

    private static McpException missing(String what, ClientCapabilities required) {
        return McpException.missingClientCapability("This request needs the client's " + what + " capability,"
                + " which it did not declare", required);
    }

    // ------------------------------------------------------------------ legacy: a real request

    private static InputResponse askLegacy(CallContext context, InputRequest request) throws InterruptedException {
        Class<? extends InputResponse> type = answerType(request);
        LegacySession session = context.scope.session();
        if (session == null || !session.initialized()) {
            throw McpException.internalError("Cannot ask the client before it has sent notifications/initialized");
        }
        InFlight f = context.scope.inFlight;
        RequestId id = session.pending.next();
        CompletableFuture<Response> answer = session.pending.register(id);
        Object params = params(request);
        if (params instanceof ElicitRequestURLParams url && url.elicitationId() == null) {
            params = new ElicitRequestURLParams(url.message(), url.url(), LegacySession.newId(), url.meta());
        }
        if (!context.scope.send(new Request(id, method(request), params))) {
            session.pending.abandon(id);
            throw new InterruptedException("the request ended before the client could be asked");
        }
        Response response;
        try {
            response = wait(answer, f.deadline(), context.scope.services.clientRequestTimeout());
        } catch (InterruptedException | TimeoutException e) {
            session.pending.abandon(id);
            // withdraw the question; the client may stop asking its user
            context.scope.sendUnsolicited(new Notification(McpMethods.NOTIFICATIONS_CANCELLED,
                    new CancelledNotificationParams(id, e instanceof TimeoutException
                            ? "The server stopped waiting for an answer" : "The request was cancelled", null)),
                    session.version);
            if (e instanceof TimeoutException) {
                throw McpException.internalError("The client did not answer " + method(request) + " in time");
            }
            throw (InterruptedException) e;
        }
        return switch (response) {
            case Response.Success success -> {
                try {
                    yield ((RawJson) success.result()).bind(type);
                } catch (IllegalArgumentException e) {
                    throw McpException.internalError("The client's answer to " + method(request) + " is malformed");
                } catch (JacksonException | ClassCastException e) {
                    throw McpException.internalError("The client's answer to " + method(request) + " is malformed");
                }
            }
            case Response.Failure failure -> throw McpException.internalError("The client answered "
                    + method(request) + " with error " + failure.error().code() + ": " + failure.error().message());
        };
    }

    private static Response wait(CompletableFuture<Response> answer, Instant deadline, Duration limit)
            throws InterruptedException, TimeoutException {
        long nanos = limit.toNanos();
        if (deadline != null) {
            nanos = Math.min(nanos, Duration.between(Instant.now(), deadline).toNanos());
        }
        try {
            return answer.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new InterruptedException("the connection closed while waiting for the client");
        } catch (CancellationException e) {
            throw new InterruptedException("the question was withdrawn");
        }
    }

    /** Asks for {@code schema} with a form; used by the typed elicitation. */
    static ElicitRequest form(String message, ElicitRequestFormParams.RequestedSchema schema) {
        return new ElicitRequest(ElicitRequestFormParams.of(message, schema));
    }

    /** The roots request. */
    static ListRootsRequest roots() {
        return ListRootsRequest.instance();
    }
}
