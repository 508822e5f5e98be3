package dev.keel.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import dev.keel.core.McpServer;

/**
 * A named set of tools, resources and prompts the server can serve ({@code --toolset NAME}).
 * Implementations are found with {@link ServiceLoader}; add your own in a jar with a
 * {@code META-INF/services/dev.keel.server.Toolset} entry.
 */
public interface Toolset {

    /** The name to select it by, e.g. {@code demo}. */
    String name();

    /** One line on what it offers, for {@code --help}. */
    String description();

    /**
     * Reads the toolset's settings before {@link #register}; refuses bad ones with an
     * {@link IllegalArgumentException} that says what is wrong. By default, nothing to read.
     */
    default void configure(dev.keel.config.KeelConfig config) {
    }

    /** Registers the toolset's tools, resources and prompts. */
    void register(McpServer.Builder server);

    /** What the toolset's readiness depends on (its directories, its database), checked by {@code /health/ready}. */
    default List<dev.keel.health.HealthCheck> healthChecks() {
        return List.of();
    }

    /** Called once the server is built, for toolsets whose tools change the server while it runs. */
    default void started(McpServer server) {
    }

    /** Every toolset on the class path, by name. */
    static List<Toolset> available() {
        return available(Toolset.class.getClassLoader());
    }

    /** Every toolset {@code loader} finds (the class path and any plug-in jars it was given). */
    static List<Toolset> available(ClassLoader loader) {
        List<Toolset> all = new ArrayList<>();
        ServiceLoader.load(Toolset.class, loader).forEach(all::add);
        return all;
    }

    /** The toolset named {@code name}, if there is one. */
    static Optional<Toolset> named(String name) {
        return available().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
