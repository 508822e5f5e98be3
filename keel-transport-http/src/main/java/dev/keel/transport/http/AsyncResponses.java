package dev.keel.transport.http;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What the HTTP handlers share about completing a response asynchronously: releasing what a request
 * held when its response completes, and moving work that may wait to a virtual thread.
 */
final class AsyncResponses {

    private AsyncResponses() {
    }

    /**
     * {@code callback}, with {@code after} run once when it completes, either way, just before it is
     * passed on: what a request held (a slot, a session, a channel) is released when its response is
     * done, whichever thread finishes it.
     */
    static Callback then(Callback callback, Runnable after) {
        return new Then(callback, after);
    }

    private static final class Then extends AtomicBoolean implements Callback {
        private final Callback callback;
        private final Runnable after;
        /** Asked often by Jetty; through several wrappers each time it would take the channel's lock. */
        private final InvocationType invocationType;

        Then(Callback callback, Runnable after) {
            this.callback = callback;
            this.after = after;
            this.invocationType = callback.getInvocationType();
        }

        @Override
        public void succeeded() {
            try {
                release();
            } finally {
                callback.succeeded();
            }
        }

        @Override
        public void failed(Throwable failure) {
            try {
                release();
            } finally {
                callback.failed(failure);
            }
        }

        private void release() {
            if (compareAndSet(false, true)) {
                after.run();
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return invocationType;
        }
    }

    /** An action named after the callback that runs it is made (what it releases does not exist yet). */
    static final class Later implements Runnable {
        private volatile Runnable action;

        void set(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            Runnable a = action;
            if (a != null) {
                a.run();
            }
        }
    }

    /** Work that may wait, and may fail. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} on a virtual thread of its own: whatever may wait (a body still on its way, a
     * stream, a health check) never holds one of Jetty's platform threads. A failure it does not handle
     * ends the response with an error.
     */
    static void onVirtualThread(Request request, Response response, Callback callback, Work work) {
        Thread.ofVirtual().name("keel-http").start(() -> {
            try {
                work.run();
            } catch (Throwable failure) {
                Response.writeError(request, response, callback, failure);
            }
        });
    }
}
