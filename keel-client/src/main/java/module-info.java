/** A small MCP client for both eras, over stdio and Streamable HTTP. */
module dev.keel.client {
    requires transitive dev.keel.spec;
    requires transitive java.net.http;

    exports dev.keel.client;
}
