package dev.keel.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.core.McpServer;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;
import dev.keel.testkit.TransportContract;

/** The stdio transport passes the transport contract over OS pipes, and keeps its own promises. */
class StdioTransportTest extends TransportContract {

    private StdioTransport transport;
    private CompletableFuture<Integer> exit;
    private OutputStream toServer;
    private final List<McpServer> servers = new ArrayList<>();

    @Override
    protected Connection connect(McpServer server) throws IOException {
        return connect(server, StdioTransport.builder());
    }

    private Connection connect(McpServer server, StdioTransport.Builder builder) throws IOException {
        servers.add(server);
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        transport = builder.input(Channels.newInputStream(in.source()))
                .output(Channels.newOutputStream(out.sink())).build();
        exit = CompletableFuture.supplyAsync(() -> transport.run(server));
        toServer = Channels.newOutputStream(in.sink());
        InputStream fromServer = Channels.newInputStream(out.source());
        return Connection.lines(fromServer, toServer);
    }

    @Override
    protected void stopTransport() throws Exception {
        try {
            if (transport != null) {
                toServer.close();
                exit.get(10, TimeUnit.SECONDS);
            }
        } finally {
            servers.forEach(McpServer::close);
        }
    }

    @Test
    void aLineOverTheLimitIsAnsweredWithoutBeingBufferedAndReadingGoesOn() throws Exception {
        Connection connection = connect(fixtures.builder().build(), StdioTransport.builder().maxMessageBytes(1000));
        try (McpTestClient client = McpTestClient.builder().connect(connection)) {
            Reply tooLong = client.raw().send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"p\":\""
                    + "y".repeat(5000) + "\"}}");
            assertThat(tooLong.errorCode()).isEqualTo(JsonRpcError.INVALID_REQUEST);
            assertThat(tooLong.errorMessage()).contains("more than the limit of 1000 bytes");
            assertThat(client.callTool("echo", Map.of("message", "after")).text()).isEqualTo("after");
        }
    }

    @Test
    void crlfLineEndingsAndBlankLinesAreAccepted() throws Exception {
        Connection connection = connect(fixtures.builder().build());
        try (McpTestClient client = McpTestClient.builder().version(ProtocolVersion.V2025_03_26).connect(connection)) {
            Reply reply = client.raw().send("\n\r\n{\"jsonrpc\":\"2.0\",\"id\":\"crlf\",\"method\":\"ping\"}\r");
            assertThat(reply.isError()).isFalse();
        }
    }

    @Test
    void atEndOfInputRunningRequestsFinishAndTheTransportReturnsZero() throws Exception {
        Connection connection = connect(fixtures.builder().build());
        McpTestClient client = McpTestClient.builder().connect(connection);
        McpTestClient.RequestHandle sleeping = client.startTool("sleep", Map.of("ms", 300));
        // lines are read in order: the request is running before the end of input is seen
        toServer.close();

        assertThat(sleeping.reply().isError()).isFalse();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(fixtures.sleepOutcomes.poll()).isEqualTo("finished");
    }

    @Test
    void atEndOfInputRequestsThatOutliveTheGraceAreCancelledAndTheTransportStillEnds() throws Exception {
        Connection connection = connect(fixtures.builder().build(),
                StdioTransport.builder().shutdownGrace(Duration.ofMillis(200)));
        McpTestClient client = McpTestClient.builder().connect(connection);
        McpTestClient.RequestHandle blocked = client.startTool("block", Map.of());
        assertThat(fixtures.blockStarted.await(10, TimeUnit.SECONDS)).isTrue();
        toServer.close();

        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(fixtures.blockThread.join(Duration.ofSeconds(5))).isTrue();
        Reply reply = blocked.reply();
        assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
        assertThat(reply.errorMessage()).contains("shutting down");
    }

    @Test
    void aListenStreamTheServerEndsGetsItsClosingResultThenACancellationNamingIt() throws Exception {
        Connection connection = connect(fixtures.builder().build(),
                StdioTransport.builder().shutdownGrace(Duration.ofMillis(100)));
        McpTestClient client = McpTestClient.builder().connect(connection);
        McpTestClient.RequestHandle listen = client.start("subscriptions/listen",
                Map.of("notifications", Map.of("toolsListChanged", true)));
        client.awaitNotification(n -> n.path("method").asString().equals("notifications/subscriptions/acknowledged"));
        toServer.close();

        Reply closing = listen.reply();
        assertThat(closing.result().path("resultType").asString()).isEqualTo("complete");
        assertThat(closing.result().path("_meta").path("io.modelcontextprotocol/subscriptionId").asLong()).isEqualTo(1);
        var cancelled = client.awaitNotification(n -> n.path("method").asString().equals("notifications/cancelled"));
        assertThat(cancelled.path("params").path("requestId").asLong()).isEqualTo(1);
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        client.assertNoViolations();
    }

    @Test
    void stdoutCarriesOnlyNewlineDelimitedJsonRpcMessages() throws Exception {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        StdioTransport t = StdioTransport.builder().input(Channels.newInputStream(in.source()))
                .output(Channels.newOutputStream(out.sink())).build();
        McpServer server = fixtures.builder().build();
        servers.add(server);
        CompletableFuture<Integer> done = CompletableFuture.supplyAsync(() -> t.run(server));
        try (OutputStream w = Channels.newOutputStream(in.sink())) {
            w.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"a\\nb\"},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
                    + "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}\nnot json\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] all;
        try (InputStream fromServer = Channels.newInputStream(out.source())) {
            all = fromServer.readAllBytes();
        }
        assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
        String[] lines = new String(all, StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(McpTestClientJson.parse(line).path("jsonrpc").asString()).isEqualTo("2.0");
        }
    }

    /** Parses with the codec's mapper. */
    private static final class McpTestClientJson {
        static tools.jackson.databind.JsonNode parse(String line) {
            return dev.keel.jsonrpc.JsonRpcCodec.create().mapper().readTree(line);
        }
    }
}
