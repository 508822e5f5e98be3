package dev.keel.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The raw floor: the least a Jetty 12 server can do to answer a {@code tools/call} of echo. It reads
 * the body, parses it with Jackson, and writes the result; no MCP engine, no validation, no headers
 * checked. On Jetty's default platform-thread pool, or with every request handed to a virtual thread
 * ({@code --virtual}), to price that hand-off. A call named {@code sleep} sleeps {@code arguments.ms} first:
 * with {@code --virtual}, the floor of the concurrent-sleep scenario.
 *
 * <pre>java -cp … dev.keel.bench.FloorServer [--virtual] [--port N]</pre>
 * prints {@code floor at http://127.0.0.1:PORT/mcp} once it listens.
 */
public final class FloorServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FloorServer() {
    }

    public static void main(String[] args) throws Exception {
        boolean virtual = false;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--virtual" -> virtual = true;
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Server server = start(port, virtual);
        int actual = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.println("floor at http://127.0.0.1:" + actual + "/mcp" + (virtual ? " (virtual threads)" : ""));
        System.out.flush();
        server.join();
    }

    static Server start(int port, boolean virtual) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool();
        if (virtual) {
            VirtualThreadPool virtualThreads = new VirtualThreadPool();
            virtualThreads.setMaxConcurrentTasks(100_000);
            pool.setVirtualThreadsExecutor(virtualThreads);
        }
        Server server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Echo());
        server.start();
        return server;
    }

    /** Reads the whole body (blocking: the thread is the pool's), answers with the echo result. */
    private static final class Echo extends Handler.Abstract {
        Echo() {
            super(InvocationType.BLOCKING);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            ByteBuffer body = Content.Source.asByteBuffer(request);
            byte[] bytes = new byte[body.remaining()];
            body.get(bytes);
            JsonNode call = JSON.readTree(bytes);
            JsonNode params = call.path("params");
            if ("sleep".equals(params.path("name").asString())) {
                Thread.sleep(params.path("arguments").path("ms").asLong());  // the floor of the sleep scenario
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeStringProperty("jsonrpc", "2.0");
                json.writeName("id");
                json.writeTree(call.get("id"));
                json.writeObjectPropertyStart("result");
                json.writeArrayPropertyStart("content");
                json.writeStartObject();
                json.writeStringProperty("type", "text");
                json.writeStringProperty("text", params.path("arguments").path("message").asString(""));
                json.writeEndObject();
                json.writeEndArray();
                json.writeStringProperty("resultType", "complete");
                json.writeEndObject();
                json.writeEndObject();
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
            return true;
        }
    }
}
