package io.setlist.scheduler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code setlist bench}: in-process benchmarks; its subcommands say of what. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (heavy: run them alone).",
        subcommands = {BenchRecsCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
