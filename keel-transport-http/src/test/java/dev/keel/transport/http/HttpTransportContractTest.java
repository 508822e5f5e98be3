package dev.keel.transport.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.keel.client.Connection;
import dev.keel.core.McpServer;
import dev.keel.testkit.TransportContract;

/** Streamable HTTP passes the transport contract, in both eras, over real sockets. */
class HttpTransportContractTest extends TransportContract {

    private final List<HttpTransport> transports = new ArrayList<>();

    @Override
    protected Connection connect(McpServer server) {
        // a short keep-alive, so that a closed 2026-07-28 stream is noticed (and the request cancelled) quickly
        HttpTransport transport = HttpTransport.builder().port(0).keepAlive(Duration.ofMillis(100)).build();
        transport.start(server);
        transports.add(transport);
        return Connection.http(transport.url());
    }

    @Override
    protected void stopTransport() {
        transports.forEach(t -> t.stop(Duration.ofSeconds(2)));
    }
}
