package dev.keel.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.core.Middleware;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.StringSchema;
import dev.keel.testkit.CheckLeaks;
import tools.jackson.databind.JsonNode;

/**
 * Which thread serves a request: a non-blocking tool the thread that parsed it (one of Jetty's platform
 * threads), any other a virtual thread; and a middleware that may block sends every request to one.
 */
@CheckLeaks
class HttpThreadsTest {

    private HttpFixture fixture;

    private static CallToolResult where() {
        Thread thread = Thread.currentThread();
        return CallToolResult.text(thread.isVirtual() ? "virtual" : "platform " + thread.getName());
    }

    private HttpFixture start(UnaryOperator<McpServer.Builder> extra) {
        McpServer.Builder builder = McpServer.builder().name("threads").version("1")
                .tool(Tool.builder("quick").nonBlocking().build(), call -> where())
                .tool(Tool.builder("slow").build(), call -> where())
                .tool(Tool.builder("asks").nonBlocking().build(), call -> CallToolResult.text(String.valueOf(
                        call.elicit("Name?", ElicitRequestFormParams.RequestedSchema.of(
                                Map.of("name", StringSchema.of("Name", "Your name")), "name")).action())));
        fixture = new HttpFixture(extra.apply(builder).build(), b -> b);
        return fixture;
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Calls {@code tool} statelessly (2026-07-28), head and body in one write; the text it answers. */
    private static String call(HttpFixture f, String tool) throws Exception {
        return post(f, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{}," + HttpFixture.META + "}}", "MCP-Protocol-Version: 2026-07-28\r\n"
                + "Mcp-Method: tools/call\r\nMcp-Name: " + tool + "\r\n").json().path("result").path("content").get(0)
                .path("text").asString();
    }

    /**
     * POSTs {@code body} over a socket of its own, head and body in one write, as most clients send a
     * small request: so the body is there when the head is parsed (a body still on its way is read on a
     * virtual thread, which then serves the request too).
     */
    private static Raw post(HttpFixture f, String body, String headers) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", f.transport.port())) {
            socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\n" + headers + "Connection: close\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
            return new Raw(status, HttpFixture.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)));
        }
    }

    private record Raw(int status, JsonNode json) {
    }

    @Test
    void aNonBlockingToolRunsOnJettysThreadAndAnyOtherOnAVirtualThread() throws Exception {
        HttpFixture f = start(b -> b);
        assertThat(call(f, "quick")).startsWith("platform keel-http");
        assertThat(call(f, "slow")).isEqualTo("virtual");
    }

    @Test
    void aMiddlewareThatMayBlockSendsEveryRequestToAVirtualThread() throws Exception {
        HttpFixture f = start(b -> b.middleware((call, chain) -> chain.proceed(call)));
        assertThat(call(f, "quick")).isEqualTo("virtual");
    }

    @Test
    void aMiddlewareDeclaredNonBlockingKeepsTheFastPath() throws Exception {
        HttpFixture f = start(b -> b.middleware(new Middleware() {
            @Override
            public dev.keel.jsonrpc.Response handle(dev.keel.core.Call call, Chain chain) {
                return chain.proceed(call);
            }

            @Override
            public boolean blocking() {
                return false;
            }
        }));
        assertThat(call(f, "quick")).startsWith("platform keel-http");
    }

    @Test
    void aNonBlockingToolThatAsksALegacyClientIsAnErrorThatSaysWhy() throws Exception {
        HttpFixture f = start(b -> b);
        String session = f.post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"elicitation\":{}},"
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}").send().header("Mcp-Session-Id");
        f.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-06-18").send();
        Raw answer = post(f, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{"
                + "\"name\":\"asks\",\"arguments\":{}}}", "Mcp-Session-Id: " + session + "\r\n"
                + "MCP-Protocol-Version: 2025-06-18\r\n");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("error").path("code").asInt()).isEqualTo(-32603);
        // the detail goes to the log under a correlation id; the thread is free again
        assertThat(call(f, "quick")).startsWith("platform keel-http");
    }
}
