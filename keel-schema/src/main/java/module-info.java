/** JSON Schema generation and validation for Keel, provided to core as a {@link dev.keel.core.spi.SchemaSupport}. */
module dev.keel.schema {
    requires transitive dev.keel.core;
    requires com.github.victools.jsonschema.generator;
    requires com.github.victools.jsonschema.module.jackson;
    requires com.networknt.schema;
    requires com.fasterxml.classmate;

    exports dev.keel.schema;

    provides dev.keel.core.spi.SchemaSupport with dev.keel.schema.JsonSchemas;
}
