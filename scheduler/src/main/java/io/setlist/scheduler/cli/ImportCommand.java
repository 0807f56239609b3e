package io.setlist.scheduler.cli;

import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Settings;
import io.setlist.sql.load.WorkloadImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load a directory of Setlist CSV files (or one file) into the warehouse through COPY. "
                + "Bad rows go to the quarantine table; a file already imported (same SHA-256) is skipped.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "A directory holding users.csv, artists.csv, tracks.csv, plays.csv, "
            + "events.csv, or one of those files.")
    Path path;

    @Override
    public Integer call() {
        try (Backends backends = Backends.open(Settings.fromEnvironment())) {
            WorkloadImport.ImportReport report = Files.isDirectory(path)
                    ? WorkloadImport.importDirectory(backends.warehouse(), path)
                    : WorkloadImport.importFile(backends.warehouse(), path);
            ImportSummary.print(report);
        }
        return 0;
    }
}
