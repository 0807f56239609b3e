package io.setlist.scheduler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code setlist eval}: offline evaluation; its subcommands say of what. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Offline evaluation of the recommenders.",
        subcommands = {EvalRecsCommand.class})
final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
