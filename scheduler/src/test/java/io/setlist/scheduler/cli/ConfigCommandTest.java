package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Config;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code setlist config}, the README's table it generates, and how a malformed variable reaches the user. */
class ConfigCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SetlistCli root = new SetlistCli(environment);
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        // Through the same handler as ./setlist, which execute(root, ...) installs on its own CommandLine.
        int code = SetlistCli.execute(cli, args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsEverySettingWithItsValueAndSourceAndMasksSecrets() {
        Run r = run(Map.of("SETLIST_HTTP_PORT", "9090", "SETLIST_JDBC_PASSWORD", "hunter2"), "config");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("SETLIST_HTTP_PORT +9090 +environment")
                .containsPattern("SETLIST_KEEP_RUNS +3 +default")
                .containsPattern("SETLIST_PUBLISH_ATTEMPTS +10 +default")
                .containsPattern("SETLIST_JDBC_PASSWORD +\\*\\*\\*\\* +environment")
                .doesNotContain("hunter2");
        assertThat(r.out().lines().count()).as("a header and one line per setting")
                .isEqualTo(1 + Config.read(Map.of()).settings().size());
    }

    @Test
    void listsMalformedVariablesAndExits2() {
        Run r = run(Map.of("SETLIST_HTTP_PORT", "abc"), "config");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).containsPattern("SETLIST_HTTP_PORT +8080 +default")
                .contains("SETLIST_HTTP_PORT: expected an integer 0-65535, got \"abc\"");
    }

    @Test
    void aCommandNeedingSettingsNamesTheMalformedVariableWithoutAStackTrace() {
        Run r = run(Map.of("SETLIST_HTTP_PORT", "abc", "SETLIST_NEIGHBOURS", "-1"), "runs");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("SETLIST_HTTP_PORT: expected an integer 0-65535, got \"abc\"")
                .contains("SETLIST_NEIGHBOURS: expected a positive integer, got \"-1\"")
                .doesNotContain("\tat ");
        assertThat(run(Map.of("SETLIST_HTTP_PORT", "abc"), "runs", "--help").code())
                .as("help needs no settings").isZero();
    }

    @Test
    void theReadmeConfigurationTableIsTheGeneratedOne() throws IOException {
        Path readme = io.setlist.scheduler.config.SingleEnvironmentReaderTest.projectRoot().resolve("README.md");
        String text = Files.readString(readme);
        int section = text.indexOf("\n## Configuration\n");
        assertThat(section).as("README has a Configuration section").isPositive();
        int next = text.indexOf("\n## ", section + 1);
        String body = text.substring(section, next < 0 ? text.length() : next);
        String table = body.substring(body.indexOf("| variable |"));
        table = table.substring(0, table.indexOf("\n\n") < 0 ? table.length() : table.indexOf("\n\n") + 1);
        assertThat(table).as("README's Configuration table; regenerate it with ./setlist config --markdown")
                .isEqualTo(ConfigCommand.markdownTable(Config.read(Map.of()).settings()));
    }
}
