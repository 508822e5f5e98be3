package dev.keel.core.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The in-process {@link EventBus}: a queue drained by one virtual thread, so publishers never wait and
 * every listener sees events in publication order. A failing listener is logged and skipped.
 */
final class InMemoryEventBus implements EventBus {

    private static final System.Logger LOG = System.getLogger("dev.keel.core.events");

    private final List<Consumer<ServerEvent>> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<ServerEvent> queue = new LinkedBlockingQueue<>();
    private final Thread dispatcher;
    private volatile boolean closed;

    InMemoryEventBus() {
        dispatcher = Thread.ofVirtual().name("keel-events").start(this::dispatch);
    }

    private void dispatch() {
        try {
            while (!closed) {
                ServerEvent event = queue.take();
                for (Consumer<ServerEvent> listener : listeners) {
                    try {
                        listener.accept(event);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "An event listener failed on " + event, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void publish(ServerEvent event) {
        if (!closed) {
            queue.add(event);
        }
    }

    @Override
    public Subscription subscribe(Consumer<ServerEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        listeners.clear();
    }
}
