/**
 * Test MCP servers in a few lines.
 *
 * <pre>{@code
 * try (McpTestClient client = McpTestClient.connect(server)) {          // 2026-07-28, in memory
 *     assertThat(client.callTool("echo", Map.of("message", "hi")).text()).isEqualTo("hi");
 * }
 * try (McpTestClient legacy = McpTestClient.connect(server, ProtocolVersion.V2025_06_18)) { // initialize first
 *     assertThat(legacy.listTools().tools()).isNotEmpty();
 * }
 * }</pre>
 *
 * <p>{@link dev.keel.testkit.McpTestClient} drives {@code keel-client}'s {@link dev.keel.client.McpClient}
 * over any {@link dev.keel.client.Connection}, or in memory through core's
 * {@link dev.keel.core.InProcessConnection}. Every message the server sends is validated against the
 * official JSON Schema of the revision in use ({@link dev.keel.testkit.McpSchemas}); a violation fails
 * the test at the client's next call. {@link dev.keel.testkit.RawTap} sends what no client would send.
 * Every transport passes the {@link dev.keel.testkit.TransportContract}. {@link dev.keel.testkit.CheckLeaks}
 * fails a test class that leaves threads running or file descriptors open.
 */
package dev.keel.testkit;
