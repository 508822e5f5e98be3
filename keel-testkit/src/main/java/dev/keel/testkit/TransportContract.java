package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.core.McpServer;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Tool;
import tools.jackson.databind.JsonNode;

/**
 * What every transport must do, as tests: extend this class, start the transport for the given
 * server, and return a client's {@link Connection} to it. Each test runs against a fresh
 * {@link ContractServer}; every server message is schema-checked by the client. The class fails if
 * it leaves threads or file descriptors behind ({@link CheckLeaks}).
 */
@CheckLeaks
public abstract class TransportContract {

    /** The server of the current test. */
    protected final ContractServer fixtures = new ContractServer();
    private final List<McpTestClient> clients = new ArrayList<>();
    private final List<McpServer> servers = new ArrayList<>();

    /** Starts the transport serving {@code server} and connects to it. */
    protected abstract Connection connect(McpServer server) throws Exception;

    /** Stops whatever {@link #connect} started; called after every test. */
    protected abstract void stopTransport() throws Exception;

    /** The server the contract runs against; override to change its settings. */
    protected McpServer server() {
        return fixtures.builder().build();
    }

    /** A client of a fresh server over the transport, speaking {@code version}; the server is closed after the test. */
    protected McpTestClient client(ProtocolVersion version) throws Exception {
        McpServer server = server();
        servers.add(server);
        McpTestClient client = McpTestClient.builder().version(version).connect(connect(server));
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() throws Exception {
        try {
            for (McpTestClient client : clients) {
                client.close();
            }
        } finally {
            try {
                stopTransport();
            } finally {
                servers.forEach(McpServer::close);  // a server keeps its deadline timer's thread until closed
            }
        }
    }

    @Test
    void aModernClientDiscoversAndCallsATool() throws Exception {
        McpTestClient client = client(ProtocolVersion.V2026_07_28);
        assertThat(client.discover().supportedVersions()).contains("2026-07-28");
        assertThat(client.callTool("echo", Map.of("message", "hi")).text()).isEqualTo("hi");
    }

    @Test
    void aLegacyClientInitializesAndCallsATool() throws Exception {
        McpTestClient client = client(ProtocolVersion.V2025_06_18);
        assertThat(client.initializeResult().protocolVersion()).isEqualTo("2025-06-18");
        assertThat(client.listTools().tools()).extracting(Tool::name).contains("echo", "sleep");
        assertThat(client.callTool("echo", Map.of("message", "hi")).text()).isEqualTo("hi");
    }

    @Test
    void concurrentCallsRunInParallelAndAnswerOutOfOrder() throws Exception {
        McpTestClient client = client(ProtocolVersion.V2026_07_28);
        McpTestClient.RequestHandle slow = client.startTool("sleep", Map.of("ms", 400));
        List<McpTestClient.RequestHandle> fast = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fast.add(client.startTool("echo", Map.of("message", "m" + i)));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(fast.get(i).reply().result().path("content").get(0).path("text").asString()).isEqualTo("m" + i);
        }
        assertThat(slow.answered()).isFalse();
        assertThat(slow.reply().isError()).isFalse();
    }

    @Test
    void progressNotificationsArriveBeforeTheResult() throws Exception {
        McpTestClient client = client(ProtocolVersion.V2026_07_28);
        Reply reply = client.startToolWithProgress("sleep", Map.of("ms", 40), 99).reply();
        assertThat(reply.isError()).isFalse();
        List<JsonNode> progress = client.notifications();
        assertThat(progress).hasSize(4);
        assertThat(progress).allMatch(n -> n.path("params").path("progressToken").asInt() == 99);
    }

    @Test
    void cancellationStopsTheHandlerAndNothingIsSentForTheRequest() throws Exception {
        McpTestClient client = client(ProtocolVersion.V2025_11_25);
        McpTestClient.RequestHandle blocked = client.startTool("block", Map.of());
        assertThat(fixtures.blockStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Thread handler = fixtures.blockThread;

        blocked.cancel("no longer needed");

        assertThat(handler.join(Duration.ofSeconds(10))).as("the handler's thread ended").isTrue();
        blocked.assertNoReplyWithin(Duration.ofMillis(300));
        assertThat(client.ping().isError()).isFalse();
    }

    @Test
    void aModernCancellationStopsTheHandler() throws Exception {
        McpTestClient client = client(ProtocolVersion.V2026_07_28);
        McpTestClient.RequestHandle blocked = client.startTool("block", Map.of());
        assertThat(fixtures.blockStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Thread handler = fixtures.blockThread;

        blocked.cancel("no longer needed");

        assertThat(handler.join(Duration.ofSeconds(10))).as("the handler's thread ended").isTrue();
        blocked.assertNoReplyWithin(Duration.ofMillis(300));
        assertThat(client.callTool("echo", Map.of("message", "next")).text()).isEqualTo("next");
    }

    @Test
    void aLegacySessionGetsProgressBeforeTheResult() throws Exception {
        McpTestClient client = client(ProtocolVersion.V2025_11_25);
        Reply reply = client.startToolWithProgress("sleep", Map.of("ms", 40), "p").reply();
        assertThat(reply.isError()).isFalse();
        assertThat(client.notifications()).hasSize(4)
                .allMatch(n -> n.path("params").path("progressToken").asString().equals("p"));
    }

    @Test
    void aOneMebibyteArgumentRoundTrips() throws Exception {
        McpTestClient client = client(ProtocolVersion.V2026_07_28);
        String big = "x".repeat(1024 * 1024);
        assertThat(client.callTool("echo", Map.of("message", big)).text()).hasSize(big.length()).isEqualTo(big);
    }

    @Test
    void badInputGetsAnErrorAndTheNextRequestIsServed() throws Exception {
        McpTestClient client = client(ProtocolVersion.V2026_07_28);
        Reply garbage = client.raw().send("{oops");
        assertThat(garbage.errorCode()).isEqualTo(JsonRpcError.PARSE_ERROR);
        Reply invalid = client.raw().send("{\"jsonrpc\":\"2.0\",\"id\":\"x\"}");
        assertThat(invalid.errorCode()).isEqualTo(JsonRpcError.INVALID_REQUEST);
        assertThat(client.callTool("echo", Map.of("message", "still here")).text()).isEqualTo("still here");
    }
}
