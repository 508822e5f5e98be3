package dev.keel.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link Connection} over WebSocket, one JSON-RPC message per text frame, on the JDK's client (which
 * answers the server's pings by itself). {@link #start} performs the upgrade, sending the headers given
 * (an {@code Origin}, say); {@link #closeStatus()} completes with the close code and reason the server
 * sent.
 *
 * <p>Thread-safe: sends are serialised, each waiting until its frame is written, so a server that stops
 * reading holds back only the sender.
 */
public final class WebSocketConnection implements Connection {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final Map<String, String> headers;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final CompletableFuture<String> closeStatus = new CompletableFuture<>();
    private volatile WebSocket socket;

    WebSocketConnection(URI endpoint, Map<String, String> headers) {
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
    }

    /**
     * Opens the socket; each text message the server sends goes to {@code onMessage}, on the JDK
     * client's thread.
     *
     * @throws IllegalStateException if the upgrade fails (refused, or not done within ten seconds); the
     *     connection is then closed
     */
    @Override
    public void start(Consumer<byte[]> onMessage) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        headers.forEach(builder::header);
        try {
            socket = builder.buildAsync(endpoint, new Listener(onMessage)).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            http.shutdownNow();  // its selector thread and sockets would otherwise stay until the client is collected
            throw new IllegalStateException("could not open a WebSocket to " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            http.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening a WebSocket to " + endpoint, e);
        }
    }

    /** Gathers each text message's frames and hands it on; records the server's close. */
    private final class Listener implements WebSocket.Listener {
        private final Consumer<byte[]> onMessage;
        private final StringBuilder text = new StringBuilder();

        Listener(Consumer<byte[]> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                onMessage.accept(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeStatus.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeStatus.complete("error " + error);
        }
    }

    /**
     * Sends one message as a text frame and waits until it is written.
     *
     * @throws IllegalStateException if the socket is not open or the frame is not written within 30 seconds
     */
    @Override
    public void send(byte[] message) {
        WebSocket open = socket;
        if (open == null) {
            throw new IllegalStateException("the WebSocket is not open");
        }
        sendLock.lock();
        try {
            open.sendText(new String(message, StandardCharsets.UTF_8), true).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send over the WebSocket: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending over the WebSocket", e);
        } finally {
            sendLock.unlock();
        }
    }

    /** Completes with {@code "<code> <reason>"} when the server closes the socket, or {@code "error …"} when it fails. */
    public CompletableFuture<String> closeStatus() {
        return closeStatus;
    }

    /** Closes the socket normally (1000) if it is open. */
    @Override
    public void close() {
        WebSocket s = socket;
        if (s != null && !s.isOutputClosed()) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        http.close();
    }
}
