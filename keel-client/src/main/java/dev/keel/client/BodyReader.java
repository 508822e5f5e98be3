package dev.keel.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Reads an HTTP response body of {@link HttpConnection} as it arrives: an event stream event by event,
 * anything else whole, and hands each message on, noting whether one answered the request the body
 * belongs to. Cancelling it closes the response, which is how a 2026-07-28 client cancels a request.
 * One reader per body; the JDK's client calls it from one thread at a time.
 */
final class BodyReader implements Flow.Subscriber<List<ByteBuffer>> {
    private final boolean events;
    /** The request's id as JSON text, or {@code null} for the standalone stream. */
    private final String key;
    /** Hands a message to the client and returns it parsed, or {@code null} if it is not JSON. */
    private final Function<byte[], JsonNode> deliver;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private volatile boolean answered;
    private volatile JsonNode unaddressedError;

    BodyReader(boolean events, String key, Function<byte[], JsonNode> deliver) {
        this.events = events;
        this.key = key;
        this.deliver = deliver;
    }

    /** Whether a response to the request arrived. */
    boolean answered() {
        return answered;
    }

    /** The error of a response without an id, if one arrived. */
    JsonNode unaddressedError() {
        return unaddressedError;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
            done.countDown();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (events && b == '\n') {
                    line(pending.toString(StandardCharsets.UTF_8));
                    pending.reset();
                } else {
                    pending.write(b);
                }
            }
        }
    }

    private void line(String line) {
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            if (!data.isEmpty()) {
                message(data.toString().getBytes(StandardCharsets.UTF_8));
                data.setLength(0);
            }
        } else if (line.startsWith("data:")) {
            if (!data.isEmpty()) {
                data.append('\n');
            }
            data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
        }
    }

    @Override
    public void onError(Throwable failure) {
        done.countDown();
    }

    @Override
    public void onComplete() {
        if (!events && pending.size() > 0) {
            message(pending.toByteArray());
        }
        done.countDown();
    }

    private void message(byte[] bytes) {
        JsonNode node = deliver.apply(bytes);
        if (key != null && node != null && node.isObject() && !node.has("method")) {
            JsonNode id = node.get("id");
            if (id != null && id.toString().equals(key)) {
                answered = true;
            } else if ((id == null || id.isNull()) && node.path("error").isObject()) {
                unaddressedError = node.get("error");
            }
        }
    }

    /** Closes the response, now or as soon as it begins. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
            done.countDown();
        }
    }

    /** Waits until the body has ended or been cancelled. */
    void await() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
