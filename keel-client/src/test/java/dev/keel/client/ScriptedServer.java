package dev.keel.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server the test plays: it answers each message the client sends as the script says (nothing for
 * {@code null}), sends messages of its own when the test says, and keeps everything the client sent.
 */
final class ScriptedServer implements Connection {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Function<JsonNode, String> script;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private volatile Consumer<byte[]> client;
    private volatile boolean closed;

    ScriptedServer(Function<JsonNode, String> script) {
        this.script = script;
    }

    /** A server that never answers. */
    static ScriptedServer silent() {
        return new ScriptedServer(message -> null);
    }

    @Override
    public void start(Consumer<byte[]> onMessage) {
        client = onMessage;
    }

    @Override
    public void send(byte[] message) {
        JsonNode parsed = JSON.readTree(message);
        received.add(parsed);
        String answer = script.apply(parsed);
        if (answer != null) {
            deliver(answer);
        }
    }

    /** Sends {@code message} to the client. */
    void deliver(String message) {
        client.accept(message.getBytes(StandardCharsets.UTF_8));
    }

    /** The next message the client sent, waiting up to {@code wait}; {@code null} if none came. */
    JsonNode next(Duration wait) throws InterruptedException {
        return received.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The next message the client sent, waiting up to five seconds. */
    JsonNode next() throws InterruptedException {
        JsonNode message = next(Duration.ofSeconds(5));
        if (message == null) {
            throw new AssertionError("the client sent nothing within five seconds");
        }
        return message;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
