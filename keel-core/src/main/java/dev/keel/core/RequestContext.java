package dev.keel.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.keel.core.spi.StateStore;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.CreateMessageRequestParams;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitRequestParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.InputRequest;
import dev.keel.spec.InputResponse;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Root;

/**
 * What every handler may ask of the request it serves, whatever the protocol era: who the client
 * is, whether the request was cancelled, and a way to report progress.
 *
 * <p>Threading: the handler runs on the request's own virtual thread. Progress may be reported from
 * any thread while the request runs; it is dropped once the request has completed or been cancelled.
 */
public interface RequestContext {

    /** Everything known about the request, including middleware attributes. */
    CallContext context();

    /** The revision the request is served under. */
    default ProtocolVersion protocolVersion() {
        return context().protocolVersion();
    }

    /** The client's capabilities for this request. */
    default ClientCapabilities clientCapabilities() {
        return context().clientCapabilities();
    }

    /**
     * Whether the request was cancelled by the client, or stopped at its deadline. Either also
     * interrupts the handler's thread, so blocking calls end with {@link InterruptedException}; long
     * loops should check this.
     */
    boolean cancelled();

    /**
     * The state this call can reach, in the server's {@link StateStore}: values behind
     * handles the server mints, which later calls pass back as arguments (the 2026-07-28 way to keep
     * state between calls), and in a legacy session the session's own values.
     */
    State state();

    /** When the request will be stopped if it has not finished, if it has a timeout. */
    Optional<Instant> deadline();

    /**
     * Reports progress, if the client asked for it with a progress token; otherwise does nothing.
     * Values must increase: a value not above the last one reported is dropped.
     *
     * @param progress how far the work has come
     * @param total the total, or {@code null} if unknown
     * @param message what is happening now, or {@code null}
     */
    void progress(double progress, Double total, String message);

    /**
     * Sends a log message to the client, if it asked for messages at {@code level} or above: in
     * 2026-07-28 with {@code io.modelcontextprotocol/logLevel} on this request (the message goes only
     * on this request's own stream), in a legacy session with {@code logging/setLevel}. Otherwise
     * does nothing. Never log secrets or personal data.
     *
     * @param level the message's severity
     * @param logger the name of the logger, or {@code null}
     * @param data what to log: text, or any value Jackson can write
     */
    void log(LoggingLevel level, String logger, Object data);

    /** Sends a log message without a logger name; see {@link #log(LoggingLevel, String, Object)}. */
    default void log(LoggingLevel level, Object data) {
        log(level, null, data);
    }

    /**
     * Asks the client's user for input (elicitation). In a legacy session this sends
     * {@code elicitation/create} and waits for the answer; in 2026-07-28 it ends this attempt with an
     * input-required result, and when the client retries with the answer the handler runs again from
     * the start and this call returns it at once. A handler that asks must therefore do nothing
     * before its questions that it cannot safely do twice.
     *
     * @throws McpException {@code -32021} if the client did not declare elicitation (or URL mode)
     * @throws InterruptedException if the request is cancelled or times out while waiting
     */
    ElicitResult elicit(ElicitRequestParams request) throws InterruptedException;

    /** Asks the client's user to fill in a form of {@code schema}; see {@link #elicit(ElicitRequestParams)}. */
    default ElicitResult elicit(String message, ElicitRequestFormParams.RequestedSchema schema)
            throws InterruptedException {
        return elicit(ElicitRequestFormParams.of(message, schema));
    }

    /**
     * Asks the client's user to fill in a form generated from {@code type}, a record of strings,
     * numbers, booleans and enums, and binds the answer to it; see
     * {@link #elicit(ElicitRequestParams)}. Needs {@code keel-schema}.
     */
    <T> Elicitation<T> elicit(String message, Class<T> type) throws InterruptedException;

    /**
     * Asks the client to sample from its model (deprecated in 2026-07-28, still functional); both eras
     * as for {@link #elicit(ElicitRequestParams)}.
     *
     * @throws McpException {@code -32021} if the client did not declare sampling (or its tools or
     *     context use)
     */
    CreateMessageResult sample(CreateMessageRequestParams request) throws InterruptedException;

    /**
     * The client's roots (deprecated in 2026-07-28, still functional); both eras as for
     * {@link #elicit(ElicitRequestParams)}.
     *
     * @throws McpException {@code -32021} if the client did not declare roots
     */
    List<Root> roots() throws InterruptedException;

    /**
     * Asks several questions at once, by keys of the handler's choosing: in a legacy session as
     * concurrent requests, in 2026-07-28 as one input-required result listing them all (the keys are
     * the {@code inputRequests} keys). Returns the answers by the same keys. See
     * {@link #elicit(ElicitRequestParams)} for how each era waits.
     */
    Map<String, InputResponse> ask(Map<String, InputRequest> questions)
            throws InterruptedException;

    /** Reports progress without a total. */
    default void progress(double progress, String message) {
        progress(progress, null, message);
    }
}
