package dev.keel.transport.http;

import static dev.keel.transport.http.HttpFixture.META;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.jsonrpc.JsonRpcLimits;
import dev.keel.spec.CallToolResult;
import dev.keel.testkit.CheckLeaks;

/**
 * A client that sends one 2026-07-28 {@code tools/call} with a ~3.9 MB {@code progressToken} and never
 * reads: every progress notification carries the token, so the first one fills the socket and the rest
 * pile up. Nothing else may notice: other clients are answered, their keep-alives arrive, a dribbled
 * request head is cut off, a tool past its deadline is stopped, and {@code stop()} keeps to its grace
 * period. With the limits set low, the stalled stream is ended and its request cancelled.
 */
@CheckLeaks
class HttpStallTest {

    private static final String TOKEN = "t".repeat(3_900_000);
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final AtomicInteger progressSent = new AtomicInteger();
    private final CountDownLatch flooding = new CountDownLatch(50);
    private final CountDownLatch floodStopped = new CountDownLatch(1);
    private final CountDownLatch waiting = new CountDownLatch(1);
    private final CountDownLatch deadlineStopped = new CountDownLatch(1);
    private HttpFixture f;

    private McpServer server() {
        // a progress token as long as a message makes every notification big, which is what a stall is
        // made of here; the default cap (1,024 characters, ids' too) would refuse it
        return McpServer.builder().name("stall").version("1.0.0")
                .limits(JsonRpcLimits.builder().maxIdLength(4 << 20).build())
                .tool(Tool.builder("flood").build(), call -> {
                    try {
                        while (!call.cancelled()) {
                            call.progress(progressSent.incrementAndGet(), null, null);
                            flooding.countDown();
                            Thread.sleep(1);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        floodStopped.countDown();
                    }
                    return CallToolResult.text("stopped");
                })
                .tool(Tool.builder("echo").inputSchema("{\"type\":\"object\"}").build(),
                        call -> CallToolResult.text(call.rawArguments().path("message").asString()))
                .tool(Tool.builder("wait").build(), call -> {
                    waiting.countDown();
                    Thread.sleep(Long.MAX_VALUE);
                    return CallToolResult.text("never");
                })
                .tool(Tool.builder("late").timeout(Duration.ofMillis(300)).build(), call -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } finally {
                        deadlineStopped.countDown();
                    }
                    return CallToolResult.text("never");
                })
                .build();
    }

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aClientThatNeverReadsItsStreamHoldsBackNoOneElse() throws Exception {
        f = new HttpFixture(server(), b -> b.headerTimeout(Duration.ofMillis(500))
                .maxQueuedBytes(1L << 30).writeTimeout(Duration.ofMinutes(5)));
        try (Socket stalled = stalledCall()) {
            assertThat(flooding.await(30, TimeUnit.SECONDS)).as("the tool keeps reporting progress").isTrue();
            int before = progressSent.get();

            // another client is answered
            assertThat(f.modern("tools/call", "\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}")
                    .header("Mcp-Name", "echo").send().json()
                    .path("result").path("content").get(0).path("text").asString()).isEqualTo("hi");

            // its keep-alives arrive: a running request turns into a stream of comments
            try (Socket other = post(modernCall("wait", ""), 0)) {
                assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(readUntil(other, "\n:\n\n", Duration.ofSeconds(10))).as("a keep-alive comment").isTrue();
            }

            // a request head sent half is cut off by the header timeout, not the 30 s idle timeout
            try (Socket dribbling = new Socket()) {
                dribbling.connect(new InetSocketAddress("127.0.0.1", f.transport.port()));
                dribbling.getOutputStream().write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                dribbling.setSoTimeout(10_000);
                assertThat(dribbling.getInputStream().read()).as("the server closed the connection").isEqualTo(-1);
            }

            // a tool past its deadline is stopped and answered
            var late = f.modern("tools/call", "\"name\":\"late\"").header("Mcp-Name", "late").send().json();
            assertThat(late.path("result").path("isError").asBoolean()).isTrue();
            assertThat(late.path("result").path("content").get(0).path("text").asString()).contains("did not finish within");
            assertThat(deadlineStopped.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(progressSent.get()).as("the stalled request's handler ran on, its thread not held")
                    .isGreaterThan(before);

            long start = System.nanoTime();
            f.transport.stop(GRACE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stop() keeps to its grace period")
                    .isLessThan(GRACE.plusSeconds(3));
            assertThat(floodStopped.await(10, TimeUnit.SECONDS)).as("the stalled request was stopped").isTrue();
        }
    }

    @Test
    void aStreamWhoseClientStopsReadingIsEndedAndItsRequestCancelled() throws Exception {
        f = new HttpFixture(server(), b -> b.maxQueuedBytes(8L << 20).writeTimeout(Duration.ofSeconds(1)));
        try (Socket stalled = stalledCall()) {
            assertThat(floodStopped.await(30, TimeUnit.SECONDS)).as("the request was cancelled").isTrue();
            assertThat(f.modern("tools/call", "\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}")
                    .header("Mcp-Name", "echo").send().status())
                    .isEqualTo(200);
        }
    }

    /** Sends the flooding call with the huge token over a socket that reads nothing. */
    private Socket stalledCall() throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"flood\","
                + "\"_meta\":{\"progressToken\":\"" + TOKEN + "\","
                + META.substring("\"_meta\":{".length()) + "}}";
        return post(body, 8192);
    }

    private static String modernCall(String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\""
                + arguments + "," + META + "}}";
    }

    /** POSTs {@code body} as a 2026-07-28 tools/call that accepts a stream, on a socket of its own. */
    private Socket post(String body, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", f.transport.port()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2026-07-28\r\n"
                + "Mcp-Method: tools/call\r\nMcp-Name: " + toolName(body) + "\r\nContent-Length: " + bytes.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return socket;
    }

    private static String toolName(String body) {
        int at = body.indexOf("\"name\":\"") + 8;
        return body.substring(at, body.indexOf('"', at));
    }

    /** Reads until {@code marker} has been seen, or the time is up. */
    private static boolean readUntil(Socket socket, String marker, Duration within) throws IOException {
        long end = System.nanoTime() + within.toNanos();
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < end) {
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return false;
            }
            if (n < 0) {
                return false;
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (seen.indexOf(marker) >= 0) {
                return true;
            }
        }
        return false;
    }
}
