/** MCP over stdin and stdout: one JSON-RPC message per line. */
module dev.keel.transport.stdio {
    requires transitive dev.keel.core;

    exports dev.keel.transport.stdio;
}
