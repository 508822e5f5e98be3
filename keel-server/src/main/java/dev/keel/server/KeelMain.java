package dev.keel.server;

import java.io.PrintStream;
import java.util.List;
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
        description = "Keel: a production server for the Model Context Protocol (MCP).")
public final class KeelMain implements Callable<Integer> {

    /** The subcommands, in the order help lists them. */
    static final List<String> SUBCOMMANDS = List.of("serve", "discover", "tools", "call", "config", "help");

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
            CommandLine commandLine = new CommandLine(new KeelMain());
            for (String name : subcommands(args)) {
                commandLine.addSubcommand(name, subcommand(name));
            }
            commandLine
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

    /**
     * The subcommands to build picocli's model for: only the one named first, when it is one, because
     * reading every command's annotations is a tenth of the server's start-up; all of them for help,
     * usage errors and suggestions.
     */
    static List<String> subcommands(String... args) {
        if (args.length > 0 && !args[0].equals("help") && SUBCOMMANDS.contains(args[0])) {
            return List.of(args[0]);
        }
        return SUBCOMMANDS;
    }

    private static Object subcommand(String name) {
        return switch (name) {
            case "serve" -> new ServeCommand();
            case "discover" -> new ClientCommands.Discover();
            case "tools" -> new ClientCommands.Tools();
            case "call" -> new ClientCommands.Call();
            case "config" -> new ConfigCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
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
