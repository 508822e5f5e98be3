/**
 * Keel's engine: {@link dev.keel.core.McpServer}, the handler and middleware API, and the transport
 * SPI. Depends on Jackson alone; logs through {@link java.lang.System.Logger}.
 */
module dev.keel.core {
    requires transitive dev.keel.spec;

    exports dev.keel.core;
    exports dev.keel.core.spi;

    uses dev.keel.core.spi.SchemaSupport;
    uses dev.keel.core.spi.ComponentScanner;
}
