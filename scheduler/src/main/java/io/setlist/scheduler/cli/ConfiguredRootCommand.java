package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.config.ConfigParser;
import picocli.CommandLine;

import java.util.Map;

/**
 * The body every {@code setlist} entry point's root command shares (the service's {@link SetlistCli}, the
 * laboratory's {@code LabCli}): it reads the configuration once, when it is made, for its commands to take
 * through {@link StartupConfig}; and, run without a subcommand, it prints its usage. A subclass adds only its
 * {@code @Command} annotation (name, description, subcommands) and its {@code main}.
 */
public abstract class ConfiguredRootCommand implements Runnable, ConfiguredRoot {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Config.Parsed parsed;

    /** Reads this process's environment. */
    protected ConfiguredRootCommand() {
        this(ConfigParser.processEnvironment());
    }

    /** Reads {@code environment} instead (tests). A malformed variable fails only the commands that need settings. */
    protected ConfiguredRootCommand(Map<String, String> environment) {
        this.parsed = Config.read(environment);
    }

    @Override
    public final Config.Parsed parsedConfig() {
        return parsed;
    }

    @Override
    public final void run() {
        spec.commandLine().usage(System.out);
    }
}
