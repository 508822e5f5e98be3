/**
 * JSON-RPC 2.0 (<a href="https://www.jsonrpc.org/specification">specification</a>) as MCP uses it.
 *
 * <p>{@link dev.keel.jsonrpc.JsonRpcMessage} is a closed set of {@link dev.keel.jsonrpc.Request},
 * {@link dev.keel.jsonrpc.Notification} and {@link dev.keel.jsonrpc.Response}. The
 * {@link dev.keel.jsonrpc.JsonRpcCodec} reads them with Jackson's streaming parser, keeps
 * {@code params} and {@code result} as {@link dev.keel.jsonrpc.RawJson} slices of the input until
 * someone asks for them, and never throws for bad input: it reports the exact JSON-RPC error instead.
 * {@link dev.keel.jsonrpc.PendingRequests} matches responses to the requests this side sent.
 */
package dev.keel.jsonrpc;
