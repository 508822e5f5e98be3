package dev.keel.server;

import org.slf4j.MDC;

import dev.keel.core.Call;
import dev.keel.core.LogText;
import dev.keel.core.Middleware;
import dev.keel.core.RequestIdMiddleware;
import dev.keel.jsonrpc.Response;

/**
 * Puts the request's id, method and target (the tool or prompt name, or the resource URI) into the
 * SLF4J MDC for as long as the request runs, so that every log line about it carries them (and JSON
 * logs carry them as fields). Runs after {@link RequestIdMiddleware}.
 */
final class MdcMiddleware implements Middleware {

    @Override
    public Response handle(Call call, Chain chain) {
        String requestId = call.context().get(RequestIdMiddleware.REQUEST_ID);
        if (requestId != null) {
            MDC.put("requestId", requestId);
        }
        MDC.put("method", LogText.of(call.method()));
        String target = call.target();
        if (target != null) {
            MDC.put(call.method().equals("resources/read") ? "uri" : call.method().equals("tools/call") ? "tool" : "prompt",
                    LogText.of(target));
        }
        try {
            return chain.proceed(call);
        } finally {
            MDC.clear();
        }
    }

    @Override
    public String name() {
        return "mdc";
    }

    @Override
    public boolean blocking() {
        return false;
    }
}
