/** MCP over WebSocket on Jetty 12, mounted on the Streamable HTTP transport's server. */
module dev.keel.transport.websocket {
    requires transitive dev.keel.transport.http;
    requires org.eclipse.jetty.websocket.server;
    requires org.eclipse.jetty.websocket.api;

    exports dev.keel.transport.websocket;
}
