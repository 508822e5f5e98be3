package dev.keel.jsonrpc;

/**
 * One JSON-RPC 2.0 message. The set is closed: a {@code switch} over it needs no {@code default},
 * and a new kind of message fails to compile wherever it is not handled.
 */
public sealed interface JsonRpcMessage permits Request, Notification, Response {
}
