/**
 * Keel's test kit: {@link dev.keel.testkit.McpTestClient} for either protocol era, built on
 * {@code keel-client}; schema validation of every server message; and the
 * {@link dev.keel.testkit.TransportContract} every transport passes.
 */
module dev.keel.testkit {
    requires transitive dev.keel.core;
    requires transitive dev.keel.client;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires com.networknt.schema;

    exports dev.keel.testkit;
}
