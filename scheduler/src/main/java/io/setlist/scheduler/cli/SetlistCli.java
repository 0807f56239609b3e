package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.pipeline.RunLeaseHeldException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.Clock;
import java.util.Map;

/**
 * {@code setlist}: the command line of the daily recommender and cache-planning service. The laboratory's commands
 * ({@code demo}, {@code generate}, {@code bench}, {@code eval}) live in {@code io.setlist.lab.cli.LabCli}, on the
 * laboratory's own classpath; the {@code ./setlist} launcher dispatches them there, so the footer only names them.
 *
 * <p>The environment is read once, when this root command is made; its commands take their settings from
 * {@link #config()} (through {@link StartupConfig}). A malformed variable fails the commands that need settings,
 * naming the variable, and leaves {@code --help} and {@code config} working.
 */
@Command(name = "setlist", mixinStandardHelpOptions = true, version = "setlist 0.1.0",
        description = "Daily music recommendations and cache-priority lists: PostgreSQL warehouse in, DynamoDB out.",
        footer = {"", "Laboratory (run by ./setlist on the laboratory's classpath; each answers --help):",
                "  demo      Generate a small synthetic workload, run the pipeline on it, serve it.",
                "  generate  Write synthetic input files.",
                "  bench     Benchmarks, each with its baseline in the same run.",
                "  eval      Offline evaluations on data files."},
        subcommands = {
                AbReportCommand.class,
                CleanupCommand.class,
                ConfigCommand.class,
                ImportCommand.class,
                KeysCommand.class,
                ModelsCommand.class,
                QuarantineCommand.class,
                RunCommand.class,
                RunsCommand.class,
                RetentionCommand.class,
                ServeCommand.class,
                CommandLine.HelpCommand.class
        })
public final class SetlistCli extends ConfiguredRootCommand {
    /** Reads this process's environment. */
    public SetlistCli() {
    }

    public SetlistCli(Map<String, String> environment) {
        super(environment);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; errors print one line, not a stack trace. */
    public static int execute(String... args) {
        return commandLine(Clock.systemUTC()).execute(args);
    }

    /**
     * Runs {@code cli} (this or another {@code setlist} entry point) with the same one-line error reporting; a root
     * that is a {@link ConfiguredRoot} decides with its {@code SETLIST_DEBUG} whether errors show stack traces.
     */
    public static int execute(CommandLine cli, String... args) {
        return withErrorReporting(cli).execute(args);
    }

    /**
     * The command line, with "today" from {@code clock}. Exit codes: 0 done; 1 failed (the message says why);
     * 2 a bad command line, a business date later than today included; {@value #EXIT_BUSY} the job is already
     * running for that date (here or on another node).
     */
    public static CommandLine commandLine(Clock clock) {
        return withErrorReporting(new CommandLine(new SetlistCli(), new ClockedFactory(clock)));
    }

    private static CommandLine withErrorReporting(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("setlist: error: " + message(e));
            if (e instanceof Config.InvalidConfigException) {
                // Its message names every malformed variable: a stack trace would add nothing.
                commandLine.getErr().println("setlist: ('setlist config' lists every setting)");
            } else if (cli.getCommand() instanceof ConfiguredRoot root && root.parsedConfig().problems().isEmpty()
                    && root.config().runtime().debug()) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("setlist: (set SETLIST_DEBUG=1 for the stack trace)");
            }
            return busy(e) ? EXIT_BUSY : 1;
        });
        return cli;
    }

    /** Exit code of a run refused because another run of the same job and date holds its lease. */
    public static final int EXIT_BUSY = 3;

    private static boolean busy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RunLeaseHeldException) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !sb.toString().contains(cause.getMessage())) {
                sb.append(": ").append(cause.getMessage());
            }
        }
        return sb.toString();
    }
}
