package dev.keel.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a client reaches a server: one message per {@link #send}; every message the server sends goes
 * to the consumer given to {@link #start}. Over a pair of byte streams (a stdio process), over
 * Streamable HTTP, or over anything a caller implements.
 */
public interface Connection extends AutoCloseable {

    /** Starts delivering the server's messages to {@code onMessage}, each as the bytes of one message. */
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
                    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
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
