package io.setlist.spark.cli;

import io.setlist.scheduler.cli.ConfiguredRootCommand;
import io.setlist.scheduler.cli.SetlistCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Spark module's entry point: {@code setlist run recommend --engine spark} and {@code setlist bench spark}. It
 * runs on this module's classpath (the service's plus Spark), which the {@code ./setlist} launcher picks for these
 * commands only, and is the main class {@code spark-submit} starts on a cluster.
 */
@Command(name = "setlist", mixinStandardHelpOptions = true, version = "setlist 0.1.0",
        description = "The recommend stage on Apache Spark, and its benchmark against the single-JVM stage.",
        subcommands = {
                SparkRunCommand.class,
                SparkBenchCommand.class,
                CommandLine.HelpCommand.class
        })
public final class SparkCli extends ConfiguredRootCommand {

    public static void main(String[] args) {
        System.exit(SetlistCli.execute(new CommandLine(new SparkCli()), args));
    }
}
