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
 * <p>Every message the server sends is validated against the official JSON Schema of the revision in
 * use ({@link dev.keel.testkit.McpSchemas}); a violation fails the test at the client's next call.
 */
package dev.keel.testkit;
