package io.setlist.lab.cli;

import io.setlist.scheduler.cli.SetlistCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a user meets it, through both entry points the {@code ./setlist} launcher dispatches to
 * (the service's {@link SetlistCli} and the laboratory's {@link LabCli}): every command and subcommand answers
 * --help without a picocli warning, and errors are one line. It lives in the laboratory because only here are
 * both entry points on the classpath.
 */
class SetlistCliTest {
    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        var systemErr = System.err;
        var warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = cli.execute(args);
        } finally {
            System.setErr(systemErr);
        }
        assertThat(code).as(String.join(" ", args) + " exit code; output:\n" + out).isZero();
        // picocli reports a bad format string (an unescaped %) on stderr as a WARN and prints the raw text.
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).as(String.join(" ", args))
                .doesNotContain("picocli WARN");
        return out.toString();
    }

    private static List<String[]> assertEveryCommandHasHelp(Supplier<Object> entryPoint) {
        CommandLine cli = new CommandLine(entryPoint.get());
        run(cli, "--help");
        List<String[]> paths = new ArrayList<>();
        collect(cli, new ArrayList<>(), paths);
        for (String[] path : paths) {
            List<String> args = new ArrayList<>(List.of(path));
            args.add("--help");
            String help = run(new CommandLine(entryPoint.get()), args.toArray(String[]::new));
            assertThat(help).as(String.join(" ", path)).contains("Usage: setlist " + String.join(" ", path));
        }
        return paths;
    }

    @Test
    void everyServiceCommandAndSubcommandHasHelp() {
        assertThat(assertEveryCommandHasHelp(SetlistCli::new)).hasSizeGreaterThan(10);
        String top = run(new CommandLine(new SetlistCli()), "--help");
        for (String command : List.of("import", "run", "runs", "serve", "retention", "models", "keys",
                "quarantine", "cleanup", "ab-report")) {
            assertThat(top).contains(command);
        }
    }

    @Test
    void everyLaboratoryCommandAndSubcommandHasHelp() {
        assertThat(assertEveryCommandHasHelp(LabCli::new)).hasSizeGreaterThan(8);
        CommandLine lab = new CommandLine(new LabCli());
        // The launcher sends exactly these to LabCli, and the service's help names them in its footer.
        assertThat(lab.getSubcommands().keySet()).containsExactlyInAnyOrder("demo", "generate", "bench", "eval",
                "help");
        String serviceHelp = run(new CommandLine(new SetlistCli()), "--help");
        for (String command : List.of("demo", "generate", "bench", "eval")) {
            assertThat(serviceHelp).contains("  " + command + " ");
            assertThat(new CommandLine(new SetlistCli()).getSubcommands()).doesNotContainKey(command);
        }
    }

    @Test
    void theLauncherSendsExactlyTheLaboratoryCommandsToLabCli() throws java.io.IOException {
        // Tests run in scheduler/lab; the launcher is at the repository's root.
        String launcher = java.nio.file.Files.readString(java.nio.file.Path.of("../../setlist"));
        // demo, generate and eval always; bench unless it is `bench spark`, which goes to the Spark module.
        assertThat(launcher).contains("  demo|generate|eval)\n    cp=\"$root/scheduler/lab/target/classes")
                .contains("elif [ \"${1:-}\" = bench ]; then\n      cp=\"$root/scheduler/lab/target/classes")
                .contains("main=io.setlist.lab.cli.LabCli")
                .contains("[ \"${1:-}\" = bench ] && [ \"${2:-}\" = spark ]")
                .contains("main=io.setlist.spark.cli.SparkCli");
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
