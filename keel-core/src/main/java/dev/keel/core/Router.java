package dev.keel.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Result;

/**
 * The end of the chain: finds the route of the request's method and runs its handler. Each
 * {@link Feature} adds its routes; the router knows nothing of what they do. An unknown method, or one
 * the request's era lacks, is {@code -32601}; every failure becomes a JSON-RPC error here.
 */
final class Router {

    /** Serves one method. */
    @FunctionalInterface
    interface Handler {
        Result handle(Call call, CallContext context) throws Exception;
    }

    /** The eras a method exists in. */
    enum Era {
        MODERN, LEGACY, BOTH;

        boolean has(ProtocolVersion version) {
            return this == BOTH || (this == MODERN) == version.isModern();
        }
    }

    /** How long a method may run, and what answers it when it ran too long. */
    interface Deadline {
        /** The time {@code call} may run, or null for no limit. */
        Duration of(Call call);

        /** The answer to {@code call} once it has run for {@code limit}. */
        Response expired(Call call, Duration limit);
    }

    /**
     * One method's route.
     *
     * @param era the eras that have the method
     * @param handler what serves it
     * @param mayBlock whether serving it with the given params may block (it calls application code, or
     *     waits by design); asked before a request is run on a transport's thread
     * @param deadline its time limit, or null
     */
    record Route(Era era, Handler handler, Predicate<RawJson> mayBlock, Deadline deadline) {
    }

    static final Predicate<RawJson> NEVER = params -> false;
    static final Predicate<RawJson> ALWAYS = params -> true;

    private final Map<String, Route> routes = new HashMap<>();

    /** Adds the route of {@code method}; a method has one route. */
    void add(String method, Era era, Handler handler, Predicate<RawJson> mayBlock, Deadline deadline) {
        if (routes.putIfAbsent(method, new Route(era, handler, mayBlock, deadline)) != null) {
            throw new IllegalStateException("two features serve " + method);
        }
    }

    void add(String method, Era era, Handler handler, Predicate<RawJson> mayBlock) {
        add(method, era, handler, mayBlock, null);
    }

    /** Whether serving {@code method} with {@code params} may block; an unknown method is an error at once. */
    boolean mayBlock(String method, RawJson params) {
        Route route = routes.get(method);
        return route != null && route.mayBlock().test(params);
    }

    /** The time limit of {@code method}, or null. */
    Deadline deadline(String method) {
        Route route = routes.get(method);
        return route == null ? null : route.deadline();
    }

    Response dispatch(Call call) {
        ProtocolVersion version = call.context().protocolVersion();
        try {
            Route route = routes.get(call.method());
            if (route == null || !route.era().has(version)) {
                throw McpException.methodNotFound("Method not found: " + call.method()
                        + (route == null ? "" : " is not part of protocol revision " + version.id()));
            }
            Result result = route.handler().handle(call, call.context());
            if (result == null) {
                throw new IllegalStateException("the handler of " + call.method() + " returned null");
            }
            return Response.success(call.id(), result);
        } catch (InterruptedException e) {
            // the handler is done; the interrupt was for it alone and must not reach the transport's write
            return Response.failure(call.id(), McpException.internalError("The request was cancelled").toError(version));
        } catch (Exception e) {
            return Response.failure(call.id(), Failures.toError(e, version, call.method()));
        }
    }
}
