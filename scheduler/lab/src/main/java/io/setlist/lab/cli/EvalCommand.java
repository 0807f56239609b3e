package io.setlist.lab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code setlist eval completion|cache}: offline evaluations on files, no warehouse needed. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Offline evaluations on data files: the completion models and the cache plan.",
        subcommands = {EvalRecsCommand.class, EvalCompletionCommand.class, EvalCacheCommand.class})
final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
