/** The Keel server's configuration: YAML, environment and system properties, one typed model. */
module dev.keel.config {
    requires tools.jackson.databind;
    requires tools.jackson.dataformat.yaml;

    exports dev.keel.config;

    opens dev.keel.config to tools.jackson.databind;
}
