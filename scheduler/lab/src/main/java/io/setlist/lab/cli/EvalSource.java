package io.setlist.lab.cli;

import io.setlist.recommender.completion.ListeningData;
import io.setlist.lab.evaluation.Interactions;
import io.setlist.lab.evaluation.PozytywkaFiles;
import io.setlist.lab.evaluation.WorkloadFiles;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<Interactions.Rejected> rejects = new ArrayList<>();
        ListeningData read = switch (source) {
            case "pozytywka" -> PozytywkaFiles.read(data, rejects);
            case "generated" -> WorkloadFiles.read(data, rejects);
            default -> throw new IllegalArgumentException("--source must be pozytywka or generated, got '" + source + "'");
        };
        // On stderr, so that --format json stays parseable: the rows the import would have quarantined too.
        if (!rejects.isEmpty()) {
            System.err.printf("%s: %,d rows rejected and left out (as `setlist import` quarantines them); first: %s%n",
                    source, rejects.size(), rejects.get(0));
        }
        return read;
    }

    boolean json() {
        return format.equals("json");
    }
}
