package dev.keel.core;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;

/** Turns what went wrong into the JSON-RPC error a client receives. */
final class Failures {

    private static final System.Logger LOG = System.getLogger("dev.keel.core");

    private Failures() {
    }

    /**
     * The error for {@code failure} raised while serving {@code method}: a protocol fault keeps its
     * code; anything else becomes an internal error whose details go to the log under a correlation id.
     */
    static JsonRpcError toError(Throwable failure, ProtocolVersion version, String method) {
        if (failure instanceof McpException e) {
            return e.toError(version);
        }
        String correlationId = correlationId();
        LOG.log(System.Logger.Level.ERROR, "Internal error " + correlationId + " while serving " + LogText.of(method), failure);
        return new JsonRpcError(JsonRpcError.INTERNAL_ERROR, "Internal error (correlation id " + correlationId + ")",
                Map.of("correlationId", correlationId));
    }

    /** An invalid-params fault describing why {@code what} could not be bound. */
    static McpException bindingFailure(String what, JacksonException e) {
        String detail = e instanceof StreamConstraintsException ? e.getOriginalMessage() : conciseMessage(e);
        return McpException.invalidParams("Invalid params: " + what + ": " + detail);
    }

    private static String conciseMessage(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        String path = e.getPathReference();
        if (path != null && !path.isEmpty()) {
            int start = path.indexOf('[');
            message = message + (start >= 0 ? " at " + path.substring(start) : "");
        }
        return message;
    }

    private static String correlationId() {
        return String.format("%08x", ThreadLocalRandom.current().nextInt());
    }
}
