/**
 * The stdio transport (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio">stdio</a>):
 * the client starts the server as a child process and exchanges newline-delimited UTF-8 JSON-RPC
 * messages over its stdin and stdout. stdout carries MCP messages and nothing else; diagnostics go
 * to stderr.
 */
package dev.keel.transport.stdio;
