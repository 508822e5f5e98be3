package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;

class MiddlewareChainTest {

    private static final Response OK = Response.success(RequestId.of(1), Map.of());

    private static Call call() {
        return new Call(RequestId.of(1), "tools/list", null, new CallContext(Map.of()));
    }

    private final StringBuilder offender = new StringBuilder();

    @Test
    void aMiddlewareThatProceedsTwiceIsNamed() {
        Middleware twice = Middleware.named("RateLimit", (call, chain) -> {
            chain.proceed(call);
            return chain.proceed(call);
        });
        MiddlewareChain chain = new MiddlewareChain(List.of(twice), c -> OK);
        Response response = chain.proceed(call());
        assertThat(response).isInstanceOf(Response.Failure.class);
        assertThat(((Response.Failure) response).error().code()).isEqualTo(JsonRpcError.INTERNAL_ERROR);

        MiddlewareChain observed = new MiddlewareChain(List.of(Middleware.named("RateLimit", (call, next) -> {
            next.proceed(call);
            try {
                return next.proceed(call);
            } catch (IllegalStateException e) {
                offender.append(e.getMessage());
                throw e;
            }
        })), c -> OK);
        observed.proceed(call());
        assertThat(offender).hasToString("middleware RateLimit called proceed() twice");
    }

    @Test
    void aMiddlewareReturningNullBecomesAnInternalError() {
        MiddlewareChain chain = new MiddlewareChain(List.of(Middleware.named("Lazy", (call, next) -> null)), c -> OK);
        Response response = chain.proceed(call());
        assertThat(((Response.Failure) response).error().code()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
    }

    @Test
    void exceptionsNeverEscapeProceed() {
        Middleware thrower = (call, next) -> {
            throw new IllegalArgumentException("boom");
        };
        Response[] seen = new Response[1];
        Middleware outer = (call, next) -> {
            seen[0] = next.proceed(call);
            return seen[0];
        };
        MiddlewareChain chain = new MiddlewareChain(List.of(outer, thrower), c -> OK);
        chain.proceed(call());
        assertThat(seen[0]).isInstanceOf(Response.Failure.class);
    }

    @Test
    void protocolFaultsKeepTheirCode() {
        MiddlewareChain chain = new MiddlewareChain(List.of((call, next) -> {
            throw McpException.invalidParams("no");
        }), c -> OK);
        assertThat(((Response.Failure) chain.proceed(call())).error()).isEqualTo(JsonRpcError.of(-32602, "no"));
    }

    @Test
    void lambdaMiddlewareHasAReadableName() {
        Middleware lambda = (call, next) -> next.proceed(call);
        assertThat(lambda.name()).endsWith("(lambda)").doesNotContain("$$");
    }
}
