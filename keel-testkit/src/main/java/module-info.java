/**
 * Keel's test kit: {@link dev.keel.testkit.McpTestClient} for either protocol era, schema validation
 * of every server message, and the {@link dev.keel.testkit.TransportContract} every transport passes.
 */
module dev.keel.testkit {
    requires transitive dev.keel.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires com.networknt.schema;
    requires transitive java.net.http;
    requires transitive dev.keel.client;

    exports dev.keel.testkit;
}
