package dev.keel.core.spi;

import java.util.Optional;
import java.util.ServiceLoader;

import dev.keel.core.McpServer;

/**
 * Registers the tools, resources and prompts an object declares, for {@link McpServer#register(Object)}:
 * {@code keel-annotations} reads methods annotated {@code @Tool}, {@code @Resource} and {@code @Prompt}. Core
 * finds the implementation with {@link ServiceLoader}, as it finds {@link SchemaSupport}.
 *
 * <p>Implementations are thread-safe.
 */
public interface ComponentScanner {

    /**
     * Registers on {@code server} everything {@code component} declares, or nothing at all.
     *
     * @throws IllegalArgumentException if a declaration is wrong (naming the method and what is wrong with it),
     *     if the object declares nothing, or if a name is already registered on the server
     */
    void register(Object component, McpServer server);

    /** The implementation on the class path, if any; looked up once. */
    static Optional<ComponentScanner> installed() {
        return InstalledComponentScanner.INSTANCE;
    }
}
