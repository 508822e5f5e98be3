package dev.keel.transport.http;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.io.SelectorManager;

/**
 * Caps the connections each client address holds open, on the connector itself: a connection beyond
 * its address's cap is closed as it is accepted, before Jetty reads a byte of it, so it costs no
 * request, no buffer and no thread. Counted per socket (the end point), so a connection stays counted
 * when it is upgraded to a WebSocket, and is released when the socket closes, however it closes. The
 * client sees the connection reset or closed; the refusal is logged at most once a minute per address
 * ({@link Refusals}).
 */
final class ConnectionsPerClient implements SelectorManager.AcceptListener {

    private final ClientCounts counts;
    /** The client each counted socket was counted for; a socket counted once is released once. */
    private final Map<SelectableChannel, ClientKey> open = new ConcurrentHashMap<>();

    ConnectionsPerClient(int max, Refusals refusals) {
        this.counts = new ClientCounts("connections", max, refusals);
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        ClientKey client;
        try {
            client = ClientKey.of(((SocketChannel) channel).getRemoteAddress());
        } catch (IOException | ClassCastException e) {
            return;  // closed already (the global connection limit may have closed it): nothing to count
        }
        if (counts.tryAcquire(client)) {
            open.put(channel, client);
        } else {
            try {
                channel.close();  // Jetty sees the closed channel fail to register, and forgets it
            } catch (IOException e) {
                // closing is all that was wanted
            }
        }
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        release(channel);
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        release(channel);
    }

    private void release(SelectableChannel channel) {
        ClientKey client = open.remove(channel);
        if (client != null) {
            counts.release(client);
        }
    }

    /** The counts, for tests in this package. */
    ClientCounts counts() {
        return counts;
    }
}
