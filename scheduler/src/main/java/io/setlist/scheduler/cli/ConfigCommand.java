package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.config.ConfigParser.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print every setting with its value and where it came from (default or environment); "
                + "passwords, salts and keys are masked. Exits 2 after listing any malformed variable.")
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    SetlistCli root;

    @Option(names = "--markdown", description = "Print the README's Configuration table instead: variable, "
            + "default, meaning.")
    boolean markdown;

    @Override
    public Integer call() {
        Config.Parsed parsed = root.parsedConfig();
        PrintWriter out = root.spec.commandLine().getOut();
        if (markdown) {
            out.print(markdownTable(parsed.settings()));
        } else {
            print(parsed, out);
        }
        out.flush();
        if (markdown) {
            return 0;
        }
        return parsed.problems().isEmpty() ? 0 : 2;
    }

    static void print(Config.Parsed parsed, PrintWriter out) {
        int width = parsed.settings().stream().mapToInt(s -> s.variable().length()).max().orElse(8);
        int valueWidth = Math.min(48, parsed.settings().stream().mapToInt(s -> s.value().length()).max().orElse(5));
        String row = "%-" + width + "s  %-" + valueWidth + "s  %s%n";
        out.printf(row, "variable", "value", "source");
        for (Setting s : parsed.settings()) {
            out.printf(row, s.variable(), s.value().isEmpty() ? "(unset)" : s.value(), s.source().label());
        }
        if (!parsed.problems().isEmpty()) {
            out.println();
            out.println("malformed (the default is shown above instead):");
            parsed.problems().forEach(p -> out.println("  " + p));
        }
    }

    /** The README's table: one row per variable, in the order the configuration reads them. */
    static String markdownTable(List<Setting> settings) {
        StringBuilder sb = new StringBuilder("| variable | default | meaning |\n|---|---|---|\n");
        for (Setting s : settings) {
            sb.append("| `").append(s.variable()).append("` | ").append(s.defaultText()).append(" | ")
                    .append(s.meaning()).append(" |\n");
        }
        return sb.toString();
    }
}
