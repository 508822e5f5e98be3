/**
 * The Model Context Protocol on the wire: one record per schema type, for every revision Keel
 * serves (2024-11-05 to 2026-07-28), with the method names and protocol versions.
 */
module dev.keel.spec {
    requires transitive dev.keel.jsonrpc;

    exports dev.keel.spec;

    opens dev.keel.spec to tools.jackson.databind;
}
