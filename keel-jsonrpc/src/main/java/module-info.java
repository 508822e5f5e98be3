/**
 * JSON-RPC 2.0 for Keel: the sealed message types, request ids, error codes, the streaming codec
 * and the table of requests awaiting their response.
 */
module dev.keel.jsonrpc {
    requires transitive tools.jackson.core;
    requires transitive tools.jackson.databind;
    requires transitive com.fasterxml.jackson.annotation;

    exports dev.keel.jsonrpc;
}
