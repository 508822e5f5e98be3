package dev.keel.transport.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.keel.core.McpServer;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Timers;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An {@link HttpTransport} while it runs: the Jetty server and its handler chain, the sessions, the
 * open streams and the transport's own timer.
 *
 * <pre>
 * GracefulHandler                    stop: new requests refused, running ones drained
 *  └ MinimumDataRateHandler          bodies slower than the minimum rate cut off
 *     └ GuardHandler                 Origin, Host, CORS; the slow-header watch
 *        └ PathMappingsHandler       by path:
 *           ├ InFlightLimit          /mcp: POSTs beyond the address's limit get 429, beyond the global one 503
 *           │  └ McpEndpoint         reads the body, routes by what it carries:
 *           │     ├ StatelessPosts   2026-07-28: a channel per POST
 *           │     └ SessionRequests  legacy sessions: initialize, POST, GET streams, DELETE
 *           ├ LegacySseEndpoint      /sse and /messages (2024-11-05 HTTP+SSE), on virtual threads
 *           └ mounts                 WebSocket, health, yours
 * </pre>
 *
 * <p>The connector closes a connection beyond its address's limit as it is accepted
 * ({@link ConnectionsPerClient}); what else one client address may hold (requests in flight, sessions,
 * listen streams) is counted where it is taken ({@link PerAddressLimits}).
 *
 * <p>The timer ({@link Timers}, one thread of Keel's own) sweeps idle sessions, sends keep-alives,
 * cuts off slow request heads and ends streams whose writes have stalled; none of that ever waits on a
 * client, so one client that stops reading holds back nobody else.
 */
final class HttpServing {

    private static final System.Logger LOG = System.getLogger("dev.keel.transport.http");
    /** Connections the kernel may hold for the acceptor, a burst's worth. */
    private static final int ACCEPT_QUEUE = 1024;

    private final HttpTransport.Builder builder;
    private final Server jetty;
    private final ServerConnector connector;
    private final McpEndpoint handler;
    private final StatelessPosts statelessPosts;
    private final LegacySseEndpoint legacySse;
    private final Sessions sessions;
    private final SlowHeaderGuard slowHeaders;
    private final Timers timers;
    private final SseStreams streams;
    private final Counts counts;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /**
     * What the transport counts, for tests in this package: the POSTs in flight, and per client the POSTs,
     * the listen streams and the connections.
     */
    record Counts(AtomicInteger inFlight, ClientCounts inFlightPerClient, ClientCounts listensPerClient,
            ClientCounts connectionsPerClient) {
    }

    private HttpServing(HttpTransport.Builder builder, Server jetty, ServerConnector connector, McpEndpoint handler,
            StatelessPosts statelessPosts, LegacySseEndpoint legacySse, Sessions sessions, SlowHeaderGuard slowHeaders,
            Timers timers, SseStreams streams, Counts counts) {
        this.counts = counts;
        this.statelessPosts = statelessPosts;
        this.builder = builder;
        this.jetty = jetty;
        this.connector = connector;
        this.handler = handler;
        this.legacySse = legacySse;
        this.sessions = sessions;
        this.slowHeaders = slowHeaders;
        this.timers = timers;
        this.streams = streams;
    }

    static HttpServing start(HttpTransport.Builder builder, HttpSettings settings, McpServer server) {
        // Jetty's own threads are platform threads: requests that cannot block are served on them with no
        // hand-off, and everything that may wait moves to a virtual thread (McpHttpHandler, AsyncResponses)
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(8, Runtime.getRuntime().availableProcessors() * 2), 2);
        threads.setName("keel-http");
        Server jetty = new Server(threads);
        jetty.setStopTimeout(builder.stopTimeout.toMillis());

        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(builder.maxHeaderBytes);
        config.setResponseHeaderSize(Math.max(8192, builder.maxHeaderBytes));
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        connector.setIdleTimeout(builder.idleTimeout.toMillis());
        // left to the JDK, the accept queue holds 50: a burst of connections overflows it, and each one dropped
        // waits a second or more for its client to retry (the kernel caps it at net.core.somaxconn)
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(builder.maxConnections, jetty));
        // what one client address may hold: counted here, on every path and mount, in one budget per kind
        PerAddressLimits perAddress = builder.perAddress;
        Refusals refusals = new Refusals();
        ConnectionsPerClient connections = new ConnectionsPerClient(perAddress.maxConnections(), refusals);
        connector.addBean(connections);
        ClientCounts postsPerClient = new ClientCounts("requests in flight", perAddress.maxInFlight(), refusals);
        ClientCounts listens = new ClientCounts("listen streams", perAddress.maxListenStreams(), refusals);

        Timers timers = new Timers("keel-http-timers");
        SlowHeaderGuard slowHeaders = new SlowHeaderGuard(builder.headerTimeout.toNanos());
        connector.addEventListener(slowHeaders);
        Sessions sessions = new Sessions(builder.maxSessions, perAddress.maxSessions(), builder.sessionIdleTtl.toNanos(),
                refusals);
        SseStreams streams = new SseStreams(builder.maxQueuedBytes, builder.writeTimeout);
        HttpAnswers answers = new HttpAnswers(server.codec(), settings.retryAfter());
        StatelessPosts statelessPosts = new StatelessPosts(server, settings, streams, answers, listens);
        McpEndpoint handler = new McpEndpoint(server, settings, answers, statelessPosts,
                new SessionRequests(server, settings, sessions, streams, answers, listens));

        PathMappingsHandler paths = new PathMappingsHandler.NoContext();
        AtomicInteger posts = new AtomicInteger();
        paths.addMapping(PathSpec.from(settings.path()), new InFlightLimit(handler, settings.maxInFlight(), answers, posts,
                postsPerClient));
        LegacySseEndpoint legacySse = null;
        if (settings.legacySse()) {
            legacySse = new LegacySseEndpoint(server, settings, builder.maxSessions, streams, answers, listens);
            paths.addMapping(PathSpec.from(settings.ssePath()), new VirtualThreadHandler(legacySse));
            paths.addMapping(PathSpec.from(settings.messagesPath()), new InFlightLimit(new VirtualThreadHandler(legacySse),
                    settings.maxInFlight(), answers, posts, postsPerClient));
        }
        for (Map.Entry<String, Mount> mount : builder.mounts.entrySet()) {
            Handler mounted = mount.getValue().create(new Mount.Context(mount.getKey(), jetty, server, timers));
            paths.addMapping(PathSpec.from(mount.getKey()), mount.getValue().blocking()
                    ? new VirtualThreadHandler(mounted) : mounted);
        }
        Handler guarded = new GuardHandler(paths, settings.origins(), settings.hosts(), slowHeaders, answers);
        Handler rated = builder.minRequestBytesPerSecond > 0
                ? new MinimumDataRateHandler(guarded, builder.minRequestBytesPerSecond, 0) : guarded;
        jetty.setHandler(new GracefulHandler(rated));
        try {
            jetty.start();
        } catch (Exception e) {
            timers.close();
            try {
                jetty.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("could not start HTTP on " + builder.host + ":" + builder.port + ": "
                    + e.getMessage(), e);
        }
        HttpServing serving = new HttpServing(builder, jetty, connector, handler, statelessPosts, legacySse, sessions,
                slowHeaders, timers, streams, new Counts(posts, postsPerClient, listens, connections.counts()));
        serving.schedule();
        LoggingBackend.adviseIfMissing(LOG);
        return serving;
    }

    private void schedule() {
        Duration sweep = Duration.ofMillis(Math.max(50, Math.min(builder.sessionIdleTtl.toMillis() / 4, 30_000)));
        timers.every(sweep, () -> {
            int closed = sessions.sweep();
            if (closed > 0) {
                LOG.log(System.Logger.Level.DEBUG, "Closed {0} session(s) idle for more than {1}", closed,
                        builder.sessionIdleTtl);
            }
        });
        // checked a few times per interval, so that a comment goes out between one and one and a quarter
        // intervals after the last write: one timer for all requests, as most end long before
        timers.every(Duration.ofMillis(Math.max(10, builder.keepAlive.toMillis() / 4)), statelessPosts::keepAlives);
        timers.every(Duration.ofMillis(Math.max(10, Math.min(builder.writeTimeout.toMillis() / 4, 1000))),
                streams::checkWriteTimeouts);
        timers.every(Duration.ofMillis(Math.max(50, builder.headerTimeout.toMillis() / 4)), slowHeaders::tick);
    }

    int port() {
        return connector.getLocalPort();
    }

    Sessions sessions() {
        return sessions;
    }

    Counts counts() {
        return counts;
    }

    /**
     * Stops taking requests (new ones get 503), lets running ones finish for up to {@code grace},
     * cancels the rest, ends every session and stream, and closes the listener.
     */
    void stop(Duration grace) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        handler.stopAccepting();
        List<Channel> channels = new ArrayList<>(handler.requestChannels());
        // sessions stay reachable while their requests drain: a running request may wait on its client's answer
        sessions.snapshot().forEach(s -> {
            if (s.channel != null) {
                channels.add(s.channel);
            }
        });
        if (legacySse != null) {
            channels.addAll(legacySse.stopAccepting());
        }
        List<Thread> waiting = new ArrayList<>();
        for (Channel channel : channels) {
            waiting.add(Thread.ofVirtual().name("keel-http-stop").start(() -> channel.shutdown(grace)));
        }
        for (Thread t : waiting) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sessions.drain().forEach(HttpSession::close);
        if (legacySse != null) {
            legacySse.closeAll();
        }
        // every request has ended: what still waits to be written is for clients that are not reading
        streams.endStalled(Duration.ofMillis(100));
        builder.mounts.values().forEach(mount -> {
            try {
                mount.stop();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A mounted endpoint failed to stop: {0}", e.toString());
            }
        });
        timers.close();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Stopping HTTP did not complete cleanly: {0}", e.toString());
        }
    }
}
