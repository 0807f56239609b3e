package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Backends;
import io.setlist.sql.load.ImportFormat;
import io.setlist.sql.load.WorkloadImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load files into the warehouse through COPY: import [FORMAT] PATH. Bad rows go to the "
                + "quarantine table (see the quarantine command); a file already imported (same SHA-256) is skipped.",
        footer = {"", "FORMAT: setlist (default; users/artists/tracks/plays/events .csv), lastfm-360k "
                + "(usersha1-profile.tsv, usersha1-artmbid-artname-plays.tsv), hetrec-lastfm (artists.dat, "
                + "user_artists.dat), pozytywka (users/artists/tracks/track_storage/sessions .jsonl), events "
                + "(one CSV user_id,ts,event_name[,track_id,session_id])."})
final class ImportCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StartupConfig startup;

    @Parameters(arity = "1..2", paramLabel = "[FORMAT] PATH",
            description = "Optional format, then a directory holding the format's files, or one file.")
    List<String> arguments;

    @Override
    public Integer call() {
        ImportFormat format = arguments.size() == 2 ? ImportFormat.forLabel(arguments.get(0)) : ImportFormat.SETLIST;
        Path path = Path.of(arguments.get(arguments.size() - 1));
        try (Backends backends = Backends.open(startup.get())) {
            WorkloadImport.ImportReport report = WorkloadImport.importPath(backends.warehouse(), format, path,
                    ImportProgressView.forConsole());
            ImportSummary.print(report);
        }
        return 0;
    }
}
