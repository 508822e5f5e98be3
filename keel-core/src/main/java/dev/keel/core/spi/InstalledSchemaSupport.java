package dev.keel.core.spi;

import java.util.Optional;
import java.util.ServiceLoader;

/** Holds the {@link SchemaSupport} found on the class path, looked up on first use. */
final class InstalledSchemaSupport {

    static final Optional<SchemaSupport> INSTANCE = ServiceLoader.load(SchemaSupport.class).findFirst();

    private InstalledSchemaSupport() {
    }
}
