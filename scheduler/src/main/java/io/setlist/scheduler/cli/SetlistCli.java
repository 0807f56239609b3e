package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.config.ConfigParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Map;

/**
 * {@code setlist}: the command line of the daily recommender and cache-planning service.
 *
 * <p>The environment is read once, when this root command is made; its commands take their settings from
 * {@link #config()} (through {@link StartupConfig}). A malformed variable fails the commands that need settings,
 * naming the variable, and leaves {@code --help} and {@code config} working.
 */
@Command(name = "setlist", mixinStandardHelpOptions = true, version = "setlist 0.1.0",
        description = "Daily music recommendations and cache-priority lists: PostgreSQL warehouse in, DynamoDB out.",
        subcommands = {
                DemoCommand.class,
                AbReportCommand.class,
                BenchCommand.class,
                CleanupCommand.class,
                ConfigCommand.class,
                EvalCommand.class,
                GenerateCommand.class,
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
public final class SetlistCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Config.Parsed parsed;

    /** Reads this process's environment. */
    public SetlistCli() {
        this(ConfigParser.processEnvironment());
    }

    public SetlistCli(Map<String, String> environment) {
        this.parsed = Config.read(environment);
    }

    /**
     * The configuration every command runs with.
     *
     * @throws Config.InvalidConfigException naming each malformed variable
     */
    public Config config() {
        return parsed.config();
    }

    /** Every setting with its value and source, and the problems, for {@code setlist config}. */
    Config.Parsed parsedConfig() {
        return parsed;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; errors print one line, not a stack trace. */
    public static int execute(String... args) {
        SetlistCli root = new SetlistCli();
        return execute(root, new CommandLine(root), args);
    }

    /** As {@link #execute(String...)}, with {@code cli} made on {@code root} (and so on root's environment). */
    static int execute(SetlistCli root, CommandLine cli, String... args) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("setlist: error: " + message(e));
            if (e instanceof Config.InvalidConfigException) {
                // Its message names every malformed variable: a stack trace would add nothing.
                commandLine.getErr().println("setlist: ('setlist config' lists every setting)");
            } else if (root.parsed.problems().isEmpty() && root.parsed.config().runtime().debug()) {
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
