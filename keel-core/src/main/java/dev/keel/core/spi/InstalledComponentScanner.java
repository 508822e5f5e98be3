package dev.keel.core.spi;

import java.util.Optional;
import java.util.ServiceLoader;

/** Holds the {@link ComponentScanner} found on the class path, looked up on first use. */
final class InstalledComponentScanner {

    static final Optional<ComponentScanner> INSTANCE = ServiceLoader.load(ComponentScanner.class).findFirst();

    private InstalledComponentScanner() {
    }
}
