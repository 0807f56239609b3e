package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Config;

/**
 * A root command ({@code setlist}, the laboratory's {@code setlist}) that read the process's environment once, when
 * it was made: its commands take their settings from here through {@link StartupConfig}, never from the
 * environment.
 */
public interface ConfiguredRoot {
    /** Every setting with its value and source, and the problems, as read at start. */
    Config.Parsed parsedConfig();

    /**
     * The configuration every command runs with.
     *
     * @throws Config.InvalidConfigException naming each malformed variable
     */
    default Config config() {
        return parsedConfig().config();
    }
}
