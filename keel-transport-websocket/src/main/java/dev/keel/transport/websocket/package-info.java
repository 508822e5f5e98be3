/**
 * MCP over WebSocket: {@link dev.keel.transport.websocket.WebSocketEndpoint} mounts on an
 * {@link dev.keel.transport.http.HttpTransport} (the seed guide's {@code /mcp/ws}).
 */
package dev.keel.transport.websocket;
