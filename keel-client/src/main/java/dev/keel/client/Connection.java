package dev.keel.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How a client reaches a server: one message per {@link #send}; every message the server sends goes
 * to the consumer given to {@link #start}. Over a pair of byte streams (a stdio process), Streamable
 * HTTP, WebSocket, or anything a caller implements (the test kit's in-process connection, say).
 *
 * <p>An implementation may be called to send from several threads at once, and delivers each message
 * whole; the consumer may be called from any thread.
 */
public interface Connection extends AutoCloseable {

    /** Starts delivering the server's messages to {@code onMessage}, each as the bytes of one message (or batch). */
    void start(Consumer<byte[]> onMessage);

    /** Sends one message (or batch) to the server. */
    void send(byte[] message);

    /** Ends the connection. */
    @Override
    void close();

    /**
     * Newline-delimited JSON: messages to the server are written to {@code toServer}, messages from it
     * read from {@code fromServer}, one per line (the stdio framing).
     */
    static LineConnection lines(InputStream fromServer, OutputStream toServer) {
        return new LineConnection(fromServer, toServer);
    }

    /** Streamable HTTP to the MCP endpoint at {@code endpoint}, for either era (see {@link HttpConnection}). */
    static HttpConnection http(URI endpoint) {
        return new HttpConnection(endpoint, Map.of());
    }

    /** As {@link #http(URI)}, sending {@code headers} (an {@code Authorization}, say) with every request. */
    static HttpConnection http(URI endpoint, Map<String, String> headers) {
        return new HttpConnection(endpoint, headers);
    }

    /** WebSocket to the MCP endpoint at {@code endpoint}, one message per text frame (see {@link WebSocketConnection}). */
    static WebSocketConnection webSocket(URI endpoint) {
        return new WebSocketConnection(endpoint, Map.of());
    }

    /** As {@link #webSocket(URI)}, sending {@code headers} (an {@code Origin}, say) with the upgrade. */
    static WebSocketConnection webSocket(URI endpoint, Map<String, String> headers) {
        return new WebSocketConnection(endpoint, headers);
    }

    /**
     * A server started as a child process ({@code command}), spoken to over its stdin and stdout; its
     * stderr goes to this process's stderr. Closing the connection closes its stdin and, if it has not
     * exited within five seconds, destroys it.
     */
    static Connection process(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        LineConnection lines = lines(process.getInputStream(), process.getOutputStream());
        return new Connection() {
            @Override
            public void start(Consumer<byte[]> onMessage) {
                lines.start(onMessage);
            }

            @Override
            public void send(byte[] message) {
                lines.send(message);
            }

            @Override
            public void close() {
                lines.close();
                try {
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroy();
                    }
                } catch (InterruptedException e) {
                    process.destroy();
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
