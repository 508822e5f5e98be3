package dev.keel.transport.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.keel.core.CallContext;
import dev.keel.core.McpServer;
import dev.keel.core.TransportAttributes;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Inbound;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * The deprecated HTTP+SSE transport of 2024-11-05, for clients that know nothing newer
 * (<a href="https://modelcontextprotocol.io/specification/2024-11-05/basic/transports">HTTP with SSE</a>):
 * GET on the SSE path opens a connection whose first event, {@code endpoint}, names the URL to POST
 * messages to; every server message then travels on that stream as a {@code message} event. The
 * connection is the session: it ends when the stream does.
 */
final class LegacySseEndpoint extends Handler.Abstract {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final McpServer server;
    private final HttpSettings settings;
    private final int maxConnections;
    private final SseStreams streams;
    private final HttpAnswers answers;
    /** The listen streams each client holds open, with those of the other paths. */
    private final ClientCounts listens;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    LegacySseEndpoint(McpServer server, HttpSettings settings, int maxConnections, SseStreams streams,
            HttpAnswers answers, ClientCounts listens) {
        super(InvocationType.BLOCKING);
        this.listens = listens;
        this.answers = answers;
        this.streams = streams;
        this.server = server;
        this.settings = settings;
        this.maxConnections = maxConnections;
    }

    /** One open SSE connection and its channel. */
    private static final class Connection {
        final SseWriter writer;
        final ReentrantLock lock = new ReentrantLock();
        final Condition ended = lock.newCondition();
        volatile Channel channel;
        volatile boolean closed;

        Connection(SseWriter writer) {
            this.writer = writer;
        }

        void send(byte[] message) {
            if (!writer.event(null, "message", message)) {
                close();
            }
        }

        void close() {
            lock.lock();
            try {
                closed = true;
                ended.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback)
            throws Exception {
        String path = Request.getPathInContext(request);
        if (HttpMethod.GET.is(request.getMethod()) && path.equals(settings.ssePath())) {
            open(request, response, callback);
        } else if (HttpMethod.POST.is(request.getMethod()) && path.equals(settings.messagesPath())) {
            post(request, response, callback);
        } else {
            response.getHeaders().put(HttpHeader.ALLOW, path.equals(settings.ssePath()) ? "GET" : "POST");
            answers.reject(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, null, "Method Not Allowed: GET "
                    + settings.ssePath() + " opens a stream, POST " + settings.messagesPath() + " sends to it");
        }
        return true;
    }

    private void open(Request request, org.eclipse.jetty.server.Response response, Callback callback)
            throws InterruptedException {
        if (stopping || connections.size() >= maxConnections) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, settings.retryAfter().toSeconds())));
            answers.reject(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, null, stopping
                    ? "Service Unavailable: the server is shutting down"
                    : "Service Unavailable: the server holds its maximum of " + maxConnections + " SSE connections");
            return;
        }
        ClientKey client = ClientKey.of(request);
        if (!listens.tryAcquire(client)) {
            answers.tooMany(response, callback, SessionRequests.tooManyStreams(listens, client));
            return;
        }
        try {
            serve(request, response, callback);
        } finally {
            listens.release(client);
        }
    }

    /** Opens the stream, a session whose channel it is, and keeps it until it ends. */
    private void serve(Request request, org.eclipse.jetty.server.Response response, Callback callback)
            throws InterruptedException {
        byte[] idBytes = new byte[16];
        RANDOM.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        Connection connection = new Connection(streams.open(request, response));
        connection.writer.onLost(connection::close);
        Map<CallContext.Key<?>, Object> attributes = new HashMap<>();
        attributes.put(TransportAttributes.TRANSPORT, "http+sse");
        if (request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress inet) {
            attributes.put(TransportAttributes.REMOTE_ADDRESS, inet);
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null) {
            attributes.put(TransportAttributes.AUTHORIZATION, authorization);
        }
        connection.channel = server.connector().open(connection::send, attributes);
        connections.put(id, connection);
        try {
            connection.writer.event(null, "endpoint",
                    (settings.messagesPath() + "?sessionId=" + id).getBytes(StandardCharsets.US_ASCII));
            connection.lock.lock();
            try {
                while (!connection.closed && !stopping) {
                    if (connection.ended.awaitNanos(settings.keepAlive().toNanos()) <= 0 && !connection.closed
                            && !connection.writer.keepAlive()) {
                        connection.closed = true;
                    }
                }
            } finally {
                connection.lock.unlock();
            }
        } finally {
            connections.remove(id, connection);
            connection.channel.close();
        }
        connection.writer.end(callback);
    }

    private void post(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
        String id = Request.extractQueryParameters(request).getValue("sessionId");
        Connection connection = id == null ? null : connections.get(id);
        if (connection == null || connection.closed) {
            answers.reject(response, callback, HttpStatus.NOT_FOUND_404, null, "Session not found: open a stream with GET "
                    + settings.ssePath() + " and POST to the endpoint it names");
            return;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            answers.reject(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, null,
                    "Unsupported Media Type: POST a JSON-RPC message as application/json");
            return;
        }
        byte[] body;
        try {
            PostBody reading = new PostBody(request, settings.maxRequestBytes());
            reading.readRest();
            body = reading.bytes();
        } catch (PostBody.TooLarge e) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            answers.reject(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, null, "Payload Too Large: more than the limit of "
                    + settings.maxRequestBytes() + " bytes");
            return;
        } catch (IOException e) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            answers.reject(response, callback, HttpStatus.REQUEST_TIMEOUT_408, null, "Request Timeout: the body did not arrive in time");
            return;
        }
        connection.channel.receive(Inbound.of(server.codec().decode(body), connection::send));
        response.setStatus(HttpStatus.ACCEPTED_202);
        response.write(true, ByteBuffer.wrap("Accepted".getBytes(StandardCharsets.US_ASCII)), callback);
    }

    /** Refuses new streams and returns the open channels, to be shut down gracefully. */
    List<Channel> stopAccepting() {
        stopping = true;
        List<Channel> channels = new ArrayList<>();
        connections.values().forEach(c -> channels.add(c.channel));
        return channels;
    }

    /** Ends every open stream. */
    void closeAll() {
        connections.values().forEach(Connection::close);
    }
}
