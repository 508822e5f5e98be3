package dev.keel.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.keel.core.McpServer;
import dev.keel.core.spi.Channel;

/**
 * How an {@link McpTestClient} reaches a server: in memory, over a pair of byte streams (a stdio
 * process), or over any transport a test provides. One message per {@link #send}; every message the
 * server sends goes to the consumer given to {@link #start}.
 */
public interface ClientConnection extends AutoCloseable {

    /** Starts delivering the server's messages to {@code onMessage}, each as the bytes of one message. */
    void start(Consumer<byte[]> onMessage);

    /** Sends one message (or batch) to the server. */
    void send(byte[] message);

    /** Ends the connection. */
    @Override
    void close();

    /** A connection straight into {@code server}'s engine, through a channel of its own: no wire at all. */
    static ClientConnection inMemory(McpServer server) {
        return new ClientConnection() {
            private volatile Channel channel;
            private volatile Consumer<byte[]> consumer;

            @Override
            public void start(Consumer<byte[]> onMessage) {
                this.consumer = onMessage;
                this.channel = server.openChannel(message -> consumer.accept(message));
            }

            @Override
            public void send(byte[] message) {
                channel.receive(message);
            }

            @Override
            public void close() {
                if (channel != null) {
                    channel.close();
                }
            }
        };
    }

    /**
     * A connection over Streamable HTTP to the MCP endpoint at {@code endpoint}, for either era (see
     * {@link HttpClientConnection}).
     */
    static HttpClientConnection http(java.net.URI endpoint) {
        return new HttpClientConnection(endpoint, java.util.Map.of());
    }

    /** As {@link #http(java.net.URI)}, sending {@code headers} (an {@code Authorization}, say) with every request. */
    static HttpClientConnection http(java.net.URI endpoint, java.util.Map<String, String> headers) {
        return new HttpClientConnection(endpoint, headers);
    }

    /** A connection over WebSocket, one message per text frame. */
    static WebSocketClientConnection webSocket(java.net.URI endpoint) {
        return new WebSocketClientConnection(endpoint, java.util.Map.of());
    }

    /** As {@link #webSocket(java.net.URI)}, sending {@code headers} (an {@code Origin}, say) with the upgrade. */
    static WebSocketClientConnection webSocket(java.net.URI endpoint, java.util.Map<String, String> headers) {
        return new WebSocketClientConnection(endpoint, headers);
    }

    /**
     * A connection over newline-delimited JSON: messages to the server are written to {@code toServer}
     * and messages from it read from {@code fromServer}, one per line (the stdio framing).
     */
    static ClientConnection lines(InputStream fromServer, OutputStream toServer) {
        return new LineConnection(fromServer, toServer);
    }

    /** Newline-delimited JSON over two streams; the reader runs on a virtual thread. */
    final class LineConnection implements ClientConnection {
        private final InputStream in;
        private final OutputStream out;
        private final ReentrantLock writeLock = new ReentrantLock();
        private Thread reader;

        LineConnection(InputStream in, OutputStream out) {
            this.in = new BufferedInputStream(in, 1 << 16);
            this.out = out;
        }

        @Override
        public void start(Consumer<byte[]> onMessage) {
            reader = Thread.ofVirtual().name("keel-test-client-reader").start(() -> read(onMessage));
        }

        private void read(Consumer<byte[]> onMessage) {
            byte[] buffer = new byte[8192];
            int length = 0;
            try {
                int b;
                while ((b = in.read()) != -1) {
                    if (b == '\n') {
                        if (length > 0) {
                            onMessage.accept(Arrays.copyOf(buffer, length));
                        }
                        length = 0;
                    } else {
                        if (length == buffer.length) {
                            buffer = Arrays.copyOf(buffer, buffer.length * 2);
                        }
                        buffer[length++] = (byte) b;
                    }
                }
            } catch (IOException e) {
                // the server went away: the client's pending requests time out or are failed on close
            }
        }

        @Override
        public void send(byte[] message) {
            writeLock.lock();
            try {
                out.write(message);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("the server's input is closed", e);
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                // already closed
            }
        }

        /** Waits for the server's output to end (after {@link #close()}, a stdio server exits). */
        public boolean awaitEndOfStream(java.time.Duration timeout) throws InterruptedException {
            return reader == null || reader.join(timeout);
        }
    }
}
