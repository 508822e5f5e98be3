package dev.keel.transport.http;

import java.util.Objects;

import dev.keel.core.McpServer;
import dev.keel.core.spi.Timers;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/**
 * Another handler served beside the MCP endpoint by the same Jetty server: a WebSocket endpoint, health
 * checks. The transport's guard (Origin, Host, CORS, the slow-header watch) runs in front of every
 * mount, so a mounted handler need not check them again.
 */
@FunctionalInterface
public interface Mount {

    /** Makes the handler to mount at {@code context.path()}. */
    Handler create(Context context);

    /** Called when the transport stops, before its listener closes: end what the handler holds open. */
    default void stop() {
    }

    /**
     * Whether the handler may block (wait for I/O, hold a stream open): it then runs on a virtual
     * thread, never on one of Jetty's platform threads. Default true.
     */
    default boolean blocking() {
        return true;
    }

    /**
     * What a mounted handler is made with.
     *
     * @param path where it is mounted
     * @param jetty the Jetty server it runs in
     * @param server the MCP server the transport serves
     * @param timers the transport's timer, for periodic work that never waits on I/O (pings, say)
     */
    record Context(String path, Server jetty, McpServer server, Timers timers) {
        public Context {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(jetty, "jetty");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(timers, "timers");
        }
    }
}
