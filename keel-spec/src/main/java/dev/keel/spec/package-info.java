/**
 * MCP wire types: immutable records named after the types of the official JSON Schemas
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/schema">2026-07-28</a> and the
 * legacy revisions), bound with Jackson.
 *
 * <p>One set of records serves every revision. A field that a revision lacks carries the Jackson view
 * of the revision that introduced it ({@link dev.keel.spec.Since}); writing with the view of the
 * negotiated revision ({@link dev.keel.spec.ProtocolVersion#view()}) leaves out everything that
 * revision does not know, so a 2024-11-05 client never sees {@code title}, {@code icons} or
 * {@code resultType}. Optional fields are {@code null} when absent and are not written.
 *
 * <p>Records validate their required fields where they are made; new fields are appended, and the
 * older constructors stay.
 */
package dev.keel.spec;
