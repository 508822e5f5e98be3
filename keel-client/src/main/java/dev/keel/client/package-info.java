/**
 * An MCP client for either protocol era.
 *
 * <pre>{@code
 * try (McpClient client = McpClient.connect(Connection.http(URI.create("http://127.0.0.1:8080/mcp")),
 *         ClientOptions.named("my-agent", "1.0.0"))) {
 *     CallToolResult result = client.callTool("echo", arguments, progress -> System.err.println(progress));
 * }
 * }</pre>
 *
 * <p>{@link dev.keel.client.McpClient} speaks the protocol: request ids and pending requests, the
 * 2026-07-28 {@code _meta} or a legacy session, answers to the server's questions, progress and
 * notifications. A {@link dev.keel.client.Connection} carries its messages: {@link
 * dev.keel.client.LineConnection} (stdio, a child process), {@link dev.keel.client.HttpConnection}
 * (Streamable HTTP, as real clients speak it), {@link dev.keel.client.WebSocketConnection}, or one of
 * the caller's own.
 */
package dev.keel.client;
