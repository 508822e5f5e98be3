/**
 * The Keel server: {@link dev.keel.server.KeelMain} (the {@code keel} command) and
 * {@link dev.keel.server.Toolset}s, the named sets of tools, resources and prompts it serves, found
 * with {@link java.util.ServiceLoader}.
 */
package dev.keel.server;
