/** MCP over Streamable HTTP, both protocol eras on one endpoint, on Jetty 12. */
module dev.keel.transport.http {
    requires transitive dev.keel.core;
    requires transitive org.eclipse.jetty.server;
    requires org.slf4j;

    exports dev.keel.transport.http;
}
