package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Backends;
import io.setlist.sql.load.QuarantineLog;
import io.setlist.sql.load.RejectedFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "List the rows imports rejected (source file, line, field, reason, raw line), then the inbox "
                + "files quarantined whole.")
final class QuarantineCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StartupConfig startup;

    @Option(names = "--source", description = "Only rows of this source file name (e.g. sessions.jsonl).")
    String source;

    @Option(names = "--limit", defaultValue = "100", description = "Most rows to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        try (Backends backends = Backends.open(startup.get())) {
            QuarantineLog log = new QuarantineLog(backends.warehouse());
            Map<String, Long> counts = log.counts(source);
            List<QuarantineLog.Row> rows = log.list(source, limit);
            System.out.printf("%-36s %8s  %-16s %-50s %s%n", "file", "line", "field", "reason", "raw line");
            for (QuarantineLog.Row r : rows) {
                System.out.printf("%-36s %8d  %-16s %-50s %s%n", r.sourceFile(), r.lineNo(),
                        r.field() == null ? "-" : r.field(), r.reason(), shorten(r.rawLine()));
            }
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("%,d quarantined rows%s", total, total > rows.size() ? " (" + rows.size() + " shown)" : "");
            counts.forEach((file, n) -> System.out.printf("; %s: %,d", file, n));
            System.out.println();
            // Whole files the inbox moved aside (a wrong header): listed after the rows, newest first.
            for (RejectedFiles.Row f : new RejectedFiles(backends.warehouse()).recent(limit)) {
                if (source == null || source.equals(f.sourceFile())) {
                    System.out.printf("rejected file %s, moved to %s (run %s): %s%n", f.sourceFile(), f.movedTo(),
                            f.runId(), f.reason());
                }
            }
        }
        return 0;
    }

    private static String shorten(String raw) {
        return raw.length() <= 120 ? raw : raw.substring(0, 120) + "…";
    }
}
