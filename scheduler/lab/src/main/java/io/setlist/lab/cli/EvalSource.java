package io.setlist.lab.cli;

import io.setlist.recommender.completion.ListeningData;
import io.setlist.lab.evaluation.PozytywkaFiles;
import io.setlist.lab.evaluation.WorkloadFiles;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --data DIR --source pozytywka|generated [--format table|json]} options of the eval commands. */
final class EvalSource {
    @Option(names = "--data", required = true, description = "Directory of the data files.")
    Path data;

    @Option(names = "--source", required = true,
            description = "pozytywka (artists/tracks/users/sessions.jsonl) or generated (users/tracks/events.csv).")
    String source;

    @Option(names = "--format", defaultValue = "table", description = "table | json (default: ${DEFAULT-VALUE}).")
    String format;

    ListeningData read() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be table or json, got '" + format + "'");
        }
        return switch (source) {
            case "pozytywka" -> PozytywkaFiles.read(data);
            case "generated" -> WorkloadFiles.read(data);
            default -> throw new IllegalArgumentException("--source must be pozytywka or generated, got '" + source + "'");
        };
    }

    boolean json() {
        return format.equals("json");
    }
}
