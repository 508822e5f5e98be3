package dev.keel.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The raw side of an {@link McpTestClient}: sends bytes no client would send (malformed JSON, invalid
 * UTF-8, oversized lines, batches, requests with ids of the test's choosing) past the client, over the
 * same connection, and returns what answers them: the responses to requests the client did not send
 * itself, and responses without an id. The answers are schema-checked like every other server message.
 *
 * <pre>{@code
 * Reply garbage = client.raw().send("not json at all");
 * assertThat(garbage.errorCode()).isEqualTo(JsonRpcError.PARSE_ERROR);
 * }</pre>
 *
 * <p>Thread-safe, though answers are told apart only by arrival: a test that sends raw messages from
 * several threads at once cannot tell whose answer is whose.
 */
public final class RawTap {

    private final Traffic traffic;
    private final Duration timeout;

    RawTap(Traffic traffic, Duration timeout) {
        this.traffic = traffic;
        this.timeout = timeout;
    }

    /**
     * Sends {@code text} as one message, exactly as given, and returns the first answer: the response
     * to it, or an error without an id.
     *
     * @throws AssertionError if nothing answers within the client's timeout, or a server message broke its schema
     */
    public Reply send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #send(String)}, for bytes that need not be text at all. */
    public Reply send(byte[] message) {
        traffic.throwViolations();
        traffic.sendRaw(message);
        JsonNode reply = traffic.pollRaw(timeout);
        if (reply == null) {
            throw new AssertionError("no answer to " + abbreviate(message) + " within " + timeout);
        }
        traffic.throwViolations();
        return new Reply(reply);
    }

    /**
     * Sends {@code text} (a batch, say) as one message and returns the first {@code expected} answers,
     * in arrival order.
     */
    public List<Reply> sendCollecting(String text, int expected) {
        traffic.throwViolations();
        traffic.sendRaw(text.getBytes(StandardCharsets.UTF_8));
        List<Reply> replies = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (replies.size() < expected) {
            JsonNode reply = traffic.pollRaw(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (reply == null) {
                throw new AssertionError("only " + replies.size() + " of " + expected + " answers to "
                        + abbreviate(text.getBytes(StandardCharsets.UTF_8)) + " within " + timeout);
            }
            replies.add(new Reply(reply));
        }
        traffic.throwViolations();
        return replies;
    }

    /** Sends {@code text} as one message and fails if an answer arrives within {@code quiet}. */
    public void sendExpectingSilence(String text, Duration quiet) {
        traffic.throwViolations();
        traffic.sendRaw(text.getBytes(StandardCharsets.UTF_8));
        JsonNode reply = traffic.pollRaw(quiet);
        if (reply != null) {
            throw new AssertionError("expected no answer to " + abbreviate(text.getBytes(StandardCharsets.UTF_8))
                    + " but got " + reply);
        }
    }

    private static String abbreviate(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "… (" + text.length() + " characters)";
    }
}
