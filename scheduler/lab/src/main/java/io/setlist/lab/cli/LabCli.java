package io.setlist.lab.cli;

import io.setlist.scheduler.cli.SetlistCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The laboratory's entry point: {@code setlist demo|generate|bench|eval}. It runs on the laboratory's classpath
 * (the service's plus LibRec and the generators), which the {@code ./setlist} launcher picks for these commands
 * only, so the service itself never loads LibRec or its old Guava.
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
public final class LabCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(SetlistCli.execute(new CommandLine(new LabCli()), args));
    }
}
