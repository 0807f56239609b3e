package io.setlist.scheduler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code setlist}: the command line of the daily recommender and cache-planning service.
 */
@Command(name = "setlist", mixinStandardHelpOptions = true, version = "setlist 0.1.0",
        description = "Daily music recommendations and cache-priority lists: PostgreSQL warehouse in, DynamoDB out.",
        subcommands = {
                DemoCommand.class,
                GenerateCommand.class,
                ImportCommand.class,
                RunCommand.class,
                RunsCommand.class,
                RetentionCommand.class,
                EvalCommand.class,
                BenchCommand.class,
                ServeCommand.class,
                CommandLine.HelpCommand.class
        })
public final class SetlistCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; errors print one line, not a stack trace. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new SetlistCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("setlist: error: " + message(e));
            if (System.getenv("SETLIST_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("setlist: (set SETLIST_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return cli.execute(args);
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
