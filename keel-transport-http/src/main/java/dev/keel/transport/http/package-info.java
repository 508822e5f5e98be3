/**
 * The Streamable HTTP transport
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http">2026-07-28</a>,
 * <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports">2025-11-25 and earlier</a>)
 * on Jetty 12 core handlers: requests that cannot block on Jetty's threads, the rest on virtual threads.
 *
 * <p>One endpoint serves both eras. A 2026-07-28 request is a POST whose headers
 * ({@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name}, {@code Mcp-Param-*}) must agree
 * with its body; it is answered with JSON, or with a request-scoped SSE stream when the handler sends
 * progress or logs, and a client that closes that stream cancels the request. A legacy client opens a
 * session with {@code initialize} and uses {@code Mcp-Session-Id}, the GET stream, resumption by
 * {@code Last-Event-ID} and DELETE. Guards are on by default: loopback binding, Origin and Host
 * checks, body and header limits, idle timeouts, caps on connections, requests and sessions, in all and
 * per client address ({@link dev.keel.transport.http.PerAddressLimits}).
 */
package dev.keel.transport.http;
