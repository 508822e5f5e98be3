/**
 * JSON Schema 2020-12 for Keel: {@link dev.keel.schema.JsonSchemas} generates the schemas of typed
 * tools from their records and validates arguments and structured results. On the class path it is
 * found by core; tools then validate their arguments before the handler runs
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/index">JSON Schema usage</a>).
 */
package dev.keel.schema;
