package dev.keel.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link ClientConnection} over WebSocket, one JSON-RPC message per text frame, on the JDK's client.
 * {@link #closeStatus()} completes with the close code and reason the server sent.
 */
public final class WebSocketClientConnection implements ClientConnection {

    private final URI endpoint;
    private final Map<String, String> headers;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final CompletableFuture<String> closeStatus = new CompletableFuture<>();
    private volatile WebSocket socket;

    WebSocketClientConnection(URI endpoint, Map<String, String> headers) {
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public void start(Consumer<byte[]> onMessage) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            socket = builder.buildAsync(endpoint, new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

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
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not open a WebSocket to " + endpoint + ": " + e, e);
        }
    }

    @Override
    public void send(byte[] message) {
        sendLock.lock();
        try {
            socket.sendText(new String(message, StandardCharsets.UTF_8), true).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send over the WebSocket: " + e, e);
        } finally {
            sendLock.unlock();
        }
    }

    /** Completes with {@code "<code> <reason>"} when the server closes the socket. */
    public CompletableFuture<String> closeStatus() {
        return closeStatus;
    }

    @Override
    public void close() {
        WebSocket s = socket;
        if (s != null && !s.isOutputClosed()) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        http.close();
    }
}
