/**
 * Keel's MCP client for both eras: {@link dev.keel.client.McpClient} over stdio, Streamable HTTP,
 * WebSocket, or any {@link dev.keel.client.Connection}.
 */
module dev.keel.client {
    requires transitive dev.keel.spec;
    requires transitive java.net.http;

    exports dev.keel.client;
}
