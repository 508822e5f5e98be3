package dev.keel.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.keel.config.ConfigDocs;
import dev.keel.config.ConfigException;
import dev.keel.config.ConfigLoader;
import dev.keel.config.KeelConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keel config}: check a configuration file, or print the reference of every key. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Checks configuration files and documents their keys.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Docs.class})
final class ConfigCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code keel config check FILE}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validates a configuration file, with the KEEL_* environment and -Dkeel.* properties applied,"
                    + " without starting anything.", "Exit status 0 when it is valid, 2 with every problem listed otherwise."})
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The file to check, e.g. keel.yaml.")
        Path file;

        @Override
        public Integer call() {
            try {
                KeelConfig config = ConfigLoader.load(file);
                spec.commandLine().getOut().println(file + ": valid (" + config.transport() + ", toolsets "
                        + config.toolsets() + ")");
                return 0;
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(file + ": " + e.getMessage());
                return 2;
            }
        }
    }

    /** {@code keel config docs}: the document {@code docs/configuration.md} holds. */
    @Command(name = "docs", mixinStandardHelpOptions = true,
            description = "Prints the reference of every configuration key (docs/configuration.md) as Markdown.")
    static final class Docs implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(ConfigDocs.markdown());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
