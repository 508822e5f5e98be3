package dev.keel.server;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code keel} command. In stdio mode, stdout belongs to MCP alone: this class moves
 * {@link System#out} to stderr before anything can print, and the transport writes to the original
 * stdout itself.
 */
@Command(name = "keel",
        mixinStandardHelpOptions = true,
        versionProvider = KeelMain.Version.class,
        description = "Keel: a production server for the Model Context Protocol (MCP).",
        subcommands = {ServeCommand.class, ClientCommands.Discover.class, ClientCommands.Tools.class,
                ClientCommands.Call.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class KeelMain implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        CarrierThreads.configure();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (0 on success, 2 on bad usage). */
    public static int run(String... args) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            CommandLine commandLine = new CommandLine(new KeelMain())
                    .setOut(new java.io.PrintWriter(stdout, true))
                    .setErr(new java.io.PrintWriter(System.err, true))
                    .setExecutionExceptionHandler((e, cmd, parsed) -> {
                        cmd.getErr().println("keel: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                        return 1;
                    });
            return commandLine.execute(args);
        } finally {
            System.setOut(stdout);
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Reports the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KeelMain.class.getPackage().getImplementationVersion();
            return new String[] {"keel " + (version == null ? "(development build)" : version),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
