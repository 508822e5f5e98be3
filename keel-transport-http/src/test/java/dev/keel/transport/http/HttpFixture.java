package dev.keel.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.keel.core.McpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One HTTP transport under test and a plain HTTP client to poke it with. */
final class HttpFixture implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    final McpServer server;
    final HttpTransport transport;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpFixture(McpServer server, UnaryOperator<HttpTransport.Builder> settings) {
        this.server = server;
        this.transport = settings.apply(HttpTransport.builder().port(0).keepAlive(Duration.ofMillis(200))).build();
        transport.start(server);
    }

    URI url() {
        return transport.url();
    }

    /** A request with the headers a 2026-07-28 client sends for {@code method}; more may be added. */
    Call modern(String method, String params) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{" + params
                + (params.isEmpty() ? "" : ",") + META + "}}";
        return new Call(body).header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method);
    }

    Call post(String body) {
        return new Call(body);
    }

    /** A POST under construction. */
    final class Call {
        final String body;
        final Map<String, String> headers = new LinkedHashMap<>();

        Call(String body) {
            this.body = body;
            headers.put("Content-Type", "application/json");
            headers.put("Accept", "application/json, text/event-stream");
        }

        Call header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        HttpRequest request() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(url()).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(builder::header);
            return builder.build();
        }

        Answer send() throws IOException, InterruptedException {
            return new Answer(http.send(request(), HttpResponse.BodyHandlers.ofString()));
        }

        HttpResponse<InputStream> stream() throws IOException, InterruptedException {
            return http.send(request(), HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    /** A response: status, headers, and the body as JSON where it is JSON. */
    record Answer(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            String body = response.body();
            if (header("Content-Type") != null && header("Content-Type").startsWith("text/event-stream")) {
                // the last data line of the stream: the answer
                String last = null;
                for (String line : body.split("\n")) {
                    if (line.startsWith("data: ") && line.length() > 6) {
                        last = line.substring(6);
                    }
                }
                return JSON.readTree(last);
            }
            return JSON.readTree(body);
        }

        int errorCode() {
            return json().path("error").path("code").asInt();
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
        transport.stop(Duration.ofSeconds(2));
        server.close();
    }
}
