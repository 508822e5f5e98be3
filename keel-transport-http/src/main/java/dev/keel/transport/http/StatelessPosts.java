package dev.keel.transport.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.keel.core.CallContext;
import dev.keel.core.McpServer;
import dev.keel.core.TransportAttributes;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Inbound;
import dev.keel.jsonrpc.Decoded;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.JsonRpcMessage;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.McpMethods;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.util.Callback;

/**
 * 2026-07-28 POSTs: each request is served on a channel of its own that lives as long as the POST, with
 * the POST's response as its sink; a client that goes away (found by a failed write or a keep-alive)
 * cancels it.
 */
final class StatelessPosts {

    private final McpServer server;
    private final HttpSettings settings;
    private final SseStreams streams;
    private final HttpAnswers answers;
    /** The listen streams each client holds open, with those of the other paths. */
    private final ClientCounts listens;
    /** The channels of running requests, for shutdown. */
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    /** The exchanges of running requests, for keep-alives. */
    private final Set<PostExchange> live = ConcurrentHashMap.newKeySet();

    StatelessPosts(McpServer server, HttpSettings settings, SseStreams streams, HttpAnswers answers,
            ClientCounts listens) {
        this.server = server;
        this.listens = listens;
        this.settings = settings;
        this.streams = streams;
        this.answers = answers;
    }

    /**
     * Serves one decoded POST.
     *
     * @param mayBlock whether this thread may block (a virtual thread), so that any request may run on it
     */
    void post(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response, Callback callback,
            Decoded decoded, boolean mayBlock) {
        if (decoded instanceof Decoded.Batch) {
            answers.reject(response, callback, HttpStatus.BAD_REQUEST_400, null, JsonRpcError.of(
                    JsonRpcError.INVALID_REQUEST, "Invalid Request: JSON-RPC batches are not part of 2026-07-28; POST one message"));
            return;
        }
        JsonRpcMessage message = ((Decoded.Message) decoded).message();
        if (message instanceof Notification) {
            // 2026-07-28 defines no notification a client POSTs that needs a reply; accept and drop
            HttpAnswers.accepted(response, callback);
            return;
        }
        if (message instanceof Response) {
            answers.reject(response, callback, HttpStatus.BAD_REQUEST_400, null, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: a response can only be POSTed within a legacy session (Mcp-Session-Id)"));
            return;
        }
        // a subscriptions/listen stream is held open by its client: it counts against the client's streams
        ClientKey listener = message instanceof Request r && McpMethods.SUBSCRIPTIONS_LISTEN.equals(r.method())
                ? ClientKey.of(request) : null;
        if (listener != null && !listens.tryAcquire(listener)) {
            answers.tooMany(response, callback, SessionRequests.tooManyStreams(listens, listener));
            return;
        }
        AsyncResponses.Later later = new AsyncResponses.Later();
        PostExchange exchange = new PostExchange(request, response, AsyncResponses.then(callback, later), settings, streams,
                null, HttpRequests.acceptsEventStream(request), false);
        // the channel lives as long as this request: its attributes are the request's, in one map
        Map<CallContext.Key<?>, Object> attributes = HttpRequests.connectionAttributes(request);
        HttpRequests.addRequestAttributes(request, attributes);
        attributes.put(TransportAttributes.MIRRORED_HEADERS, HttpRequests.mirrored(request));
        Channel channel = server.connector().open(exchange, attributes);
        exchange.onLost(channel::close);
        channels.add(channel);
        live.add(exchange);
        later.set(() -> {
            live.remove(exchange);
            // a finished request leaves nothing to cancel; a lost one is cancelled here
            channel.close();
            channels.remove(channel);
            if (listener != null) {
                listens.release(listener);
            }
        });
        channel.receive(new Inbound(decoded, exchange, null, HttpRequests.threading(mayBlock)));
    }

    Set<Channel> channels() {
        return channels;
    }

    /**
     * Queues a keep-alive comment on every exchange that is due one; called by the transport's timer.
     * Never blocks: writing is the streams' own business.
     */
    void keepAlives() {
        long now = System.nanoTime();
        for (PostExchange exchange : live) {
            if (exchange.keepAliveDue(now)) {
                exchange.keepAlive();
            }
        }
    }
}
