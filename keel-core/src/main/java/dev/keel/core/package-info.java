/**
 * Keel's server API: build an {@link dev.keel.core.McpServer}, register tools, resources and prompts
 * with plain blocking handlers, and wrap every request in {@link dev.keel.core.Middleware}.
 *
 * <p>One server speaks both protocol eras (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">versioning</a>):
 * the stateless 2026-07-28 revision, where every request carries its protocol version and client
 * capabilities in {@code _meta}, and the session-based revisions 2024-11-05 to 2025-11-25, opened by
 * {@code initialize}. Handlers never see the difference.
 *
 * <p>Threading: every request runs on its own virtual thread, so handlers may block. Cancellation
 * interrupts that thread. Registrations may change while the server runs.
 */
package dev.keel.core;
