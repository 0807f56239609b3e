package io.setlist.scheduler.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: every command and subcommand answers --help, errors are one line. */
class SetlistCliTest {
    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code = cli.execute(args);
        assertThat(code).as(String.join(" ", args) + " exit code; output:\n" + out).isZero();
        return out.toString();
    }

    @Test
    void everyCommandAndSubcommandHasHelp() {
        CommandLine cli = new CommandLine(new SetlistCli());
        String top = run(cli, "--help");
        List<String[]> paths = new ArrayList<>();
        collect(cli, new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(10);
        for (String[] path : paths) {
            List<String> args = new ArrayList<>(List.of(path));
            args.add("--help");
            String help = run(new CommandLine(new SetlistCli()), args.toArray(String[]::new));
            assertThat(help).as(String.join(" ", path)).contains("Usage: setlist " + String.join(" ", path));
        }
        for (String command : List.of("demo", "generate", "import", "run", "runs", "serve", "retention", "bench",
                "eval", "models", "keys", "quarantine", "cleanup", "ab-report")) {
            assertThat(top).contains(command);
        }
    }

    private static void collect(CommandLine command, List<String> prefix, List<String[]> out) {
        for (var entry : command.getSubcommands().entrySet()) {
            if (entry.getKey().equals("help")) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            out.add(path.toArray(String[]::new));
            collect(entry.getValue(), path, out);
        }
    }

    @Test
    void aBadOptionIsReportedWithoutAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SetlistCli());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("run", "--date", "not-a-date")).isNotZero();
        assertThat(err.toString()).contains("--date").doesNotContain("\tat ");
    }
}
