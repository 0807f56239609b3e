package io.setlist.scheduler.pipeline;

import io.setlist.sql.load.ImportFormat;
import io.setlist.sql.load.WorkloadImport;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the files dropped in the inbox directory ({@code SETLIST_INBOX}) before the day's computations. Files are
 * taken in reference order (users, artists, tracks, plays, events; then by name) so that rows find what they refer
 * to; a file already imported is skipped by its checksum, so files can simply stay in the inbox.
 */
public final class ImportStage implements Stage {
    private final DataSource warehouse;
    private final Path inbox;

    public ImportStage(DataSource warehouse, Path inbox) {
        this.warehouse = warehouse;
        this.inbox = inbox;
    }

    @Override
    public String job() {
        return "import";
    }

    @Override
    public Outcome run(RunContext context) {
        if (!Files.isDirectory(inbox)) {
            throw new IllegalStateException("inbox " + inbox + " is not a directory (SETLIST_INBOX)");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(inbox)) {
            files = listing.filter(p -> rank(p) >= 0)
                    .sorted(Comparator.comparingInt(ImportStage::rank).thenComparing(Path::getFileName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long read = 0;
        long loaded = 0;
        long quarantined = 0;
        int skipped = 0;
        for (Path file : files) {
            for (WorkloadImport.FileReport r : WorkloadImport.importFile(warehouse, file).files()) {
                read += r.read();
                loaded += r.loaded();
                quarantined += r.quarantined();
                skipped += r.skippedAsDuplicate() ? 1 : 0;
            }
        }
        return new Outcome(read, loaded, String.format("%d file(s) in %s (%d already imported): %,d rows read, "
                + "%,d loaded, %,d quarantined", files.size(), inbox, skipped, read, loaded, quarantined));
    }

    private static int rank(Path file) {
        return ImportFormat.SETLIST.importOrder(file.getFileName().toString());
    }
}
