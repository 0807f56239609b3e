package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Mixed into a command ({@code @Mixin StartupConfig startup;}): the configuration that the root command read from
 * the environment when the process started ({@link ConfiguredRoot}), so that no command reads the environment itself.
 */
@Command // a mixin needs a picocli annotation; this one adds nothing to the mixee's usage
public final class StartupConfig {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /**
     * @throws Config.InvalidConfigException naming each malformed variable
     */
    public Config get() {
        Object root = mixee.root().userObject();
        if (!(root instanceof ConfiguredRoot configured)) {
            throw new IllegalStateException(mixee.qualifiedName() + " runs only under a ConfiguredRoot command");
        }
        return configured.config();
    }
}
