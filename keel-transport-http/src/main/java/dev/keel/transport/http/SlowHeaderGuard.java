package dev.keel.transport.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.io.Connection;

/**
 * Cuts off connections that dribble a request head: neither the idle timeout (each byte resets it)
 * nor a minimum data rate on bodies stops a client that sends a header byte every few seconds. Every
 * tick, a connection that has received bytes but no complete request for longer than the header
 * timeout, and is not serving a request, is closed. Idle keep-alive connections (no bytes) are left to
 * the idle timeout.
 */
final class SlowHeaderGuard implements Connection.Listener {

    private final long timeoutNanos;
    private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();

    SlowHeaderGuard(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Where a connection stood at the end of its last request. */
    private static final class Watch {
        long messages;
        /** Bytes received when the last request was done: more than that is a request on its way. */
        long boundary;
        /** When the request on its way was first seen, or -1. */
        long pendingSince = -1;
        int active;
    }

    @Override
    public void onOpened(Connection connection) {
        watched.put(connection, new Watch());
    }

    @Override
    public void onClosed(Connection connection) {
        watched.remove(connection);
    }

    /** A request of {@code connection} is being handled ({@code +1}) or was handled ({@code -1}). */
    void handling(Connection connection, int delta) {
        Watch watch = watched.get(connection);
        if (watch != null) {
            synchronized (watch) {
                watch.active += delta;
                watch.messages = connection.getMessagesIn();
                watch.boundary = connection.getBytesIn();
                watch.pendingSince = -1;
            }
        }
    }

    /**
     * Closes every connection whose request head has been on its way for longer than the timeout; the
     * transport's timer calls it.
     */
    void tick() {
        long now = System.nanoTime();
        watched.forEach((connection, watch) -> {
            boolean stalled = false;
            synchronized (watch) {
                long messages = connection.getMessagesIn();
                long bytes = connection.getBytesIn();
                if (watch.active > 0 || messages != watch.messages) {
                    watch.messages = messages;
                    watch.boundary = bytes;
                    watch.pendingSince = -1;
                } else if (bytes > watch.boundary) {
                    if (watch.pendingSince < 0) {
                        watch.pendingSince = now;
                    } else {
                        stalled = now - watch.pendingSince > timeoutNanos;
                    }
                }
            }
            if (stalled) {
                connection.getEndPoint().close();
            }
        });
    }
}
