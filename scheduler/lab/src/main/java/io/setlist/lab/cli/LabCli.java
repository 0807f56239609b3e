package io.setlist.lab.cli;

import io.setlist.scheduler.cli.ConfiguredRootCommand;
import io.setlist.scheduler.cli.SetlistCli;
import io.setlist.scheduler.config.Config;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Map;

/**
 * The laboratory's entry point: {@code setlist demo|generate|bench|eval}. It runs on the laboratory's classpath
 * (the service's plus LibRec and the generators), which the {@code ./setlist} launcher picks for these commands
 * only, so the service itself never loads LibRec or its old Guava. Its commands take their settings from the same
 * configuration as the service's, read once when this root command is made.
 */
@Command(name = "setlist", mixinStandardHelpOptions = true, version = "setlist 0.1.0",
        description = "The Setlist laboratory: synthetic data, benchmarks and offline evaluations.",
        subcommands = {
                DemoCommand.class,
                GenerateCommand.class,
                BenchCommand.class,
                EvalCommand.class,
                CommandLine.HelpCommand.class
        })
public final class LabCli extends ConfiguredRootCommand {
    /** Reads this process's environment. */
    public LabCli() {
    }

    public LabCli(Map<String, String> environment) {
        super(environment);
    }

    /**
     * Only warnings from Setlist's own loggers unless {@code SETLIST_LOG_LEVEL} says otherwise: the demo and the
     * benchmarks print their own summary, and per-stage log lines would say everything twice.
     */
    static void quietLogs(Config config) {
        if (config.runtime().logLevel() == null) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.setlist"))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    public static void main(String[] args) {
        System.exit(SetlistCli.execute(new CommandLine(new LabCli()), args));
    }
}
