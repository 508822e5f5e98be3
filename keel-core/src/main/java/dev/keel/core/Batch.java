package dev.keel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.keel.core.spi.MessageSink;
import dev.keel.jsonrpc.Response;

/**
 * The responses of one 2025-03-26 batch, sent together as one array once every request of the
 * batch has answered (or was cancelled). Notifications in a batch owe nothing.
 */
final class Batch {
    private final MessageSink replyTo;
    private final Function<List<Response>, byte[]> encoder;
    private final List<Response> responses = new ArrayList<>();
    private final AtomicInteger outstanding = new AtomicInteger(1);

    /** A batch answered on {@code replyTo}, its answers encoded together by {@code encoder}. */
    Batch(MessageSink replyTo, Function<List<Response>, byte[]> encoder) {
        this.replyTo = replyTo;
        this.encoder = encoder;
    }

    void expect() {
        outstanding.incrementAndGet();
    }

    /** Adds an answer that no started request owes (a refusal, an invalid element). */
    void add(Response response) {
        synchronized (responses) {
            responses.add(response);
        }
    }

    /** Adds the answer of a started request. */
    void answered(Response response) {
        add(response);
        completeOne();
    }

    /** Every element has been dispatched. */
    void sealed() {
        completeOne();
    }

    /** A started request will not answer (it was cancelled or never ran). */
    void dropped() {
        completeOne();
    }

    private void completeOne() {
        if (outstanding.decrementAndGet() == 0) {
            List<Response> all;
            synchronized (responses) {
                all = List.copyOf(responses);
            }
            if (!all.isEmpty()) {
                replyTo.answer(encoder.apply(all), 0, false);
            }
        }
    }
}
