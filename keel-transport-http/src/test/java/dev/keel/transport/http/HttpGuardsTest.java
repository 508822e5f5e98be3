package dev.keel.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.testkit.CheckLeaks;

/** Each guard the transport puts up by default, shown working, and the server serving on. */
@CheckLeaks
class HttpGuardsTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(1);
    private HttpFixture fixture;

    private HttpFixture start(UnaryOperator<HttpTransport.Builder> settings) {
        McpServer server = McpServer.builder().name("guards").version("1.0.0")
                .tool(Tool.builder("echo").build(), call -> CallToolResult.text("ok"))
                .tool(Tool.builder("block").build(), call -> {
                    blocked.countDown();
                    release.await();
                    return CallToolResult.text("released");
                })
                .build();
        fixture = new HttpFixture(server, settings);
        return fixture;
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (fixture != null) {
            fixture.close();
        }
    }

    private static void assertServes(HttpFixture f) throws Exception {
        assertThat(f.modern("tools/list", "").send().status()).isEqualTo(200);
    }

    @Test
    void aForeignOriginGets403WithAJsonRpcError() throws Exception {
        HttpFixture f = start(b -> b.origins(OriginPolicy.of(List.of("https://app.example.com")).andLoopback()));
        HttpFixture.Answer foreign = f.modern("tools/list", "").header("Origin", "https://evil.example.com").send();
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.errorCode()).isEqualTo(-32600);
        assertThat(foreign.json().has("id")).as("the request was not read: no id").isFalse();
        assertThat(foreign.json().path("error").path("message").asString()).contains("https://evil.example.com");

        HttpFixture.Answer listed = f.modern("tools/list", "").header("Origin", "https://app.example.com").send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(f.modern("tools/list", "").header("Origin", "http://localhost:6274").send().status()).isEqualTo(200);
        assertThat(f.modern("tools/list", "").header("Origin", "null").send().status()).isEqualTo(403);
        assertServes(f);
    }

    @Test
    void aRebindingHostIsRejectedOnLoopback() throws Exception {
        HttpFixture f = start(b -> b);
        // the JDK client will not send a Host of our choosing; a socket will
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + HttpFixture.META + "}}";
        String evil = rawExchange(f, "POST /mcp HTTP/1.1\r\nHost: evil.example.com\r\nOrigin: http://evil.example.com\r\n"
                + "Content-Type: application/json\r\nMCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/list\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(evil).startsWith("HTTP/1.1 403");
        String rebinding = rawExchange(f, "POST /mcp HTTP/1.1\r\nHost: attacker.example:" + f.transport.port() + "\r\n"
                + "Content-Type: application/json\r\nMCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/list\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(rebinding).startsWith("HTTP/1.1 403").contains("Host");
        String local = rawExchange(f, "POST /mcp HTTP/1.1\r\nHost: localhost:" + f.transport.port() + "\r\n"
                + "Content-Type: application/json\r\nMCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/list\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(local).startsWith("HTTP/1.1 200");
    }

    private static String rawExchange(HttpFixture f, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", f.transport.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFiveMebibyteBodyGets413() throws Exception {
        HttpFixture f = start(b -> b);
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":"
                + "{\"message\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}," + HttpFixture.META + "}}";
        HttpFixture.Answer answer = f.post(big).header("MCP-Protocol-Version", "2026-07-28").send();
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("error").path("message").asString()).contains("4194304");
        assertServes(f);
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        HttpFixture f = start(b -> b.maxHeaderBytes(4096));
        HttpFixture.Answer answer = f.modern("tools/list", "").header("X-Padding", "p".repeat(8000)).send();
        assertThat(answer.status()).isEqualTo(431);
        assertServes(f);
    }

    @Test
    void aClientDribblingItsHeadersIsCutOffWhileAnotherIsServed() throws Exception {
        HttpFixture f = start(b -> b.headerTimeout(Duration.ofMillis(600)));
        try (Socket slow = new Socket("127.0.0.1", f.transport.port())) {
            slow.setSoTimeout(200);
            OutputStream out = slow.getOutputStream();
            InputStream in = slow.getInputStream();
            byte[] head = ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(200)).getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean cut = false;
            for (int i = 0; i < head.length && System.nanoTime() < deadline && !cut; i++) {
                try {
                    out.write(head[i]);
                    out.flush();
                } catch (java.io.IOException e) {
                    cut = true;
                    break;
                }
                // meanwhile a well-behaved client is served
                if (i == 3) {
                    assertServes(f);
                }
                try {
                    cut = in.read() == -1;
                } catch (SocketTimeoutException e) {
                    // still open; the read's timeout paces the dribble
                } catch (java.io.IOException e) {
                    cut = true;
                }
            }
            assertThat(cut).as("the server closed the dribbling connection").isTrue();
        }
        assertServes(f);
    }

    @Test
    void aClientDribblingItsBodyIsCutOff() throws Exception {
        HttpFixture f = start(b -> b.minRequestBytesPerSecond(2048));
        try (Socket slow = new Socket("127.0.0.1", f.transport.port())) {
            slow.setSoTimeout(200);
            OutputStream out = slow.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder answer = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean cut = false;
            while (!cut && System.nanoTime() < deadline) {
                try {
                    out.write(' ');
                    out.flush();
                    int b = slow.getInputStream().read();
                    if (b == -1) {
                        cut = true;
                    } else {
                        answer.append((char) b);
                        answer.append(new String(slow.getInputStream().readNBytes(
                                slow.getInputStream().available()), StandardCharsets.US_ASCII));
                    }
                } catch (SocketTimeoutException e) {
                    // not answered yet
                } catch (java.io.IOException e) {
                    cut = true;
                }
            }
            assertThat(cut || answer.toString().startsWith("HTTP/1.1 408")).as("cut off: " + answer).isTrue();
        }
        assertServes(f);
    }

    @Test
    void requestsBeyondTheInFlightCapGet503WithRetryAfter() throws Exception {
        HttpFixture f = start(b -> b.maxInFlight(1).retryAfter(Duration.ofSeconds(2)));
        var first = f.http.sendAsync(f.modern("tools/call", "\"name\":\"block\",\"arguments\":{}")
                .header("Mcp-Name", "block").request(), HttpResponse.BodyHandlers.ofString());
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        HttpFixture.Answer refused = f.modern("tools/list", "").send();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("2");
        assertThat(refused.errorCode()).isEqualTo(-32603);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).body()).contains("released");
        assertServes(f);
    }

    @Test
    void aConnectionBeyondTheCapWaitsUntilOneClosesWhileTheOpenOnesAreServed() throws Exception {
        HttpFixture f = start(b -> b.maxConnections(2));
        try (KeptAlive first = new KeptAlive(f); KeptAlive second = new KeptAlive(f)) {
            assertThat(first.exchange()).startsWith("HTTP/1.1 200");
            assertThat(second.exchange()).startsWith("HTTP/1.1 200");
            try (KeptAlive third = new KeptAlive(f)) {
                third.send();
                assertThat(third.response(Duration.ofMillis(500))).as("the third connection is not served").isNull();

                assertThat(first.exchange()).as("an open connection is served on").startsWith("HTTP/1.1 200");
                assertThat(second.exchange()).startsWith("HTTP/1.1 200");
                assertThat(third.response(Duration.ofMillis(200))).as("still not served").isNull();

                first.close();
                assertThat(third.response(Duration.ofSeconds(10))).as("served once a connection closed")
                        .startsWith("HTTP/1.1 200");
                assertThat(third.exchange()).startsWith("HTTP/1.1 200");
                assertThat(second.exchange()).startsWith("HTTP/1.1 200");
            }
        }
    }

    /** One HTTP/1.1 connection kept alive across requests, so a test knows which connection it speaks on. */
    private static final class KeptAlive implements AutoCloseable {
        private static final String BODY = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{"
                + HttpFixture.META + "}}";

        private final Socket socket;
        private final InputStream in;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        KeptAlive(HttpFixture f) throws IOException {
            socket = new Socket("127.0.0.1", f.transport.port());
            in = socket.getInputStream();
        }

        /** Sends a 2026-07-28 tools/list and returns the response's head and body. */
        String exchange() throws IOException {
            send();
            String response = response(Duration.ofSeconds(10));
            assertThat(response).as("an answer on an open connection").isNotNull();
            return response;
        }

        void send() throws IOException {
            socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2026-07-28\r\n"
                    + "Mcp-Method: tools/list\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY)
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }

        /** The next whole response, or {@code null} if none began within {@code wait}. */
        String response(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            try {
                String head = readHead();
                if (head == null) {
                    return null;
                }
                socket.setSoTimeout(10_000);
                Matcher length = Pattern.compile("(?im)^Content-Length: *(\\d+)").matcher(head);
                if (length.find()) {
                    return head + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
                }
                // a request that outlived the keep-alive interval is answered as a chunked event stream
                assertThat(head).containsIgnoringCase("Transfer-Encoding: chunked");
                StringBuilder body = new StringBuilder();
                for (int size; (size = Integer.parseInt(readLine().trim(), 16)) > 0; readLine()) {
                    body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                }
                readLine();
                return head + body;
            } catch (SocketTimeoutException e) {
                return null;
            }
        }

        /** The response head, or {@code null} if the connection ended first. */
        private String readHead() throws IOException {
            StringBuilder head = new StringBuilder();
            for (String line; (line = readLine()) != null; ) {
                head.append(line).append("\r\n");
                if (line.isEmpty()) {
                    return head.toString();
                }
            }
            return null;
        }

        /** One CRLF-terminated line without its end, or {@code null} at the end of the stream. */
        private String readLine() throws IOException {
            for (int b; (b = in.read()) != -1; ) {
                if (b == '\n') {
                    String line = received.toString(StandardCharsets.US_ASCII);
                    received.reset();
                    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                }
                received.write(b);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void tenThousandAbandonedSessionsStayWithinTheCap() throws Exception {
        HttpFixture f = start(b -> b.maxSessions(100));
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"leaky\",\"version\":\"1\"}}}";
        String first = f.post(initialize).send().header("Mcp-Session-Id");
        AtomicInteger opened = new AtomicInteger(1);
        List<Thread> clients = new java.util.ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                try {
                    while (opened.incrementAndGet() <= 10_000) {
                        assertThat(f.post(initialize).send().status()).isEqualTo(200);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Thread client : clients) {
            assertThat(client.join(Duration.ofMinutes(2))).isTrue();
        }
        assertThat(f.transport.sessionCount()).isEqualTo(100);
        assertThat(f.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").header("Mcp-Session-Id", first).send().status())
                .as("the oldest idle session was evicted").isEqualTo(404);
    }

    @Test
    void idleSessionsExpire() throws Exception {
        HttpFixture f = start(b -> b.sessionIdleTtl(Duration.ofMillis(200)));
        String session = f.post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"idle\",\"version\":\"1\"}}}").send()
                .header("Mcp-Session-Id");
        assertThat(f.transport.sessionCount()).isEqualTo(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (f.transport.sessionCount() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertThat(f.transport.sessionCount()).isZero();
        assertThat(f.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").header("Mcp-Session-Id", session).send()
                .status()).isEqualTo(404);
    }
}
