package dev.keel.health;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.keel.transport.http.Mount;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /health/live} and {@code GET /health/ready}: the {@link Health} reports as JSON, 200 when
 * up and 503 when down. Mounted on the MCP server's port ({@code mount("/health/*", endpoint)}) or
 * served on a management port of its own ({@link #serve}). Mounted, it sits behind the transport's
 * guard like every path: probes send no {@code Origin}, and the {@code Host} check applies only to a
 * transport bound to loopback, which an orchestrator cannot reach anyway. The reports carry no secrets.
 */
public final class HealthEndpoint implements Mount {

    private final Health health;

    public HealthEndpoint(Health health) {
        this.health = health;
    }

    @Override
    public Handler create(Mount.Context context) {
        return handler(health);
    }

    private static Handler handler(Health health) {
        return new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return answer(health, request, response, callback);
            }
        };
    }

    private static boolean answer(Health health, Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Health.Report report;
        if (path.endsWith("/health/live")) {
            report = health.liveness();
        } else if (path.endsWith("/health/ready")) {
            report = health.readiness();
        } else {
            return false;
        }
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        response.setStatus(report.up() ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(report.toJson().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** A management server of its own on {@code host:port} (0: a free port), serving only the health endpoints. */
    public static Management serve(Health health, String host, int port) {
        Server jetty = new Server();
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(handler(health));
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the management port " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return new Management(jetty, connector);
    }

    /** A running management server. */
    public static final class Management implements AutoCloseable {
        private final Server jetty;
        private final ServerConnector connector;

        private Management(Server jetty, ServerConnector connector) {
            this.jetty = jetty;
            this.connector = connector;
        }

        public int port() {
            return connector.getLocalPort();
        }

        @Override
        public void close() {
            try {
                jetty.setStopTimeout(Duration.ofSeconds(1).toMillis());
                jetty.stop();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the management port", e);
            }
        }
    }
}
