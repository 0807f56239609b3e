package io.setlist.scheduler.pipeline;

import io.setlist.sql.load.ImportFormat;
import io.setlist.sql.load.RejectedFileException;
import io.setlist.sql.load.RejectedFiles;
import io.setlist.sql.load.WorkloadImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the files dropped in the inbox directory ({@code SETLIST_INBOX}) before the day's computations.
 *
 * <p>The inbox rules (README, "Files and imports"):
 * <ul>
 *   <li>Only regular files are taken: a symbolic link, a directory, a pipe is ignored with a log line, never
 *       followed. Names must be Setlist's own ({@code users.csv}, {@code events-2026-11-24.csv}, ...).</li>
 *   <li>A file is complete, and taken, only once {@code NAME.done} (a regular file, any content) is beside it: the
 *       producer writes it after closing the data file. Until then the file is reported as waiting.</li>
 *   <li>Files are taken in reference order (users, artists, tracks, plays, events; then by name) so that rows find
 *       what they refer to. A file already imported is skipped by its checksum, so files can stay in the inbox; a
 *       file that grew is imported again and adds only its new events (events have a natural key).</li>
 *   <li>A file that cannot be imported for what it is (a wrong header) is quarantined whole: moved with its marker
 *       to {@code quarantine/} in the inbox, recorded in {@code rejected_files}, named in the run's summary; the
 *       run goes on with the other files. A failure that is not the file's (the database went away, a full disk)
 *       fails the run and leaves the file where it is for the next one.</li>
 * </ul>
 */
public final class ImportStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(ImportStage.class);
    /** The marker that says a file is complete: {@code users.csv.done} for {@code users.csv}. */
    public static final String DONE_SUFFIX = ".done";
    /** Where bad files are moved, inside the inbox. */
    public static final String QUARANTINE_DIR = "quarantine";

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
        Listing listing = list();
        long read = 0;
        long loaded = 0;
        long quarantined = 0;
        long alreadyLoaded = 0;
        int skipped = 0;
        List<String> rejected = new ArrayList<>();
        for (Path file : listing.ready) {
            try {
                for (WorkloadImport.FileReport r : WorkloadImport.importFile(warehouse, file).files()) {
                    read += r.read();
                    loaded += r.loaded();
                    quarantined += r.quarantined();
                    alreadyLoaded += r.alreadyLoaded();
                    skipped += r.skippedAsDuplicate() ? 1 : 0;
                }
            } catch (RejectedFileException e) {
                rejected.add(quarantine(file, e.getMessage(), context.runId()));
            }
        }
        StringBuilder summary = new StringBuilder(String.format("%d file(s) in %s (%d already imported): %,d rows "
                + "read, %,d loaded, %,d quarantined", listing.ready.size(), inbox, skipped, read, loaded, quarantined));
        if (alreadyLoaded > 0) {
            summary.append(String.format(", %,d events already loaded", alreadyLoaded));
        }
        if (!rejected.isEmpty()) {
            summary.append("; ").append(rejected.size()).append(" file(s) quarantined: ")
                    .append(String.join("; ", rejected));
        }
        if (!listing.waiting.isEmpty()) {
            summary.append("; waiting for ").append(DONE_SUFFIX).append(": ").append(String.join(", ", listing.waiting));
        }
        if (!listing.ignored.isEmpty()) {
            summary.append("; ignored: ").append(String.join(", ", listing.ignored));
        }
        return new Outcome(read, loaded, summary.toString());
    }

    private record Listing(List<Path> ready, List<String> waiting, List<String> ignored) {
    }

    private Listing list() {
        List<Path> ready = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> listing = Files.list(inbox)) {
            entries = listing.sorted(Comparator.comparing(Path::getFileName)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.endsWith(DONE_SUFFIX) || name.equals(QUARANTINE_DIR)) {
                continue;
            }
            String kind = kindOf(entry);
            if (kind != null) {
                LOG.info("inbox: ignoring {}: a {}, not a regular file", name, kind);
                ignored.add(name + " (" + kind + ")");
            } else if (rank(entry) < 0) {
                LOG.info("inbox: ignoring {}: not one of {}", name, ImportFormat.SETLIST.fileNames());
                ignored.add(name + " (unknown name)");
            } else if (kindOf(entry.resolveSibling(name + DONE_SUFFIX)) != null) {
                LOG.info("inbox: {} is not complete yet: waiting for {}{}", name, name, DONE_SUFFIX);
                waiting.add(name);
            } else {
                ready.add(entry);
            }
        }
        ready.sort(Comparator.comparingInt(ImportStage::rank).thenComparing(Path::getFileName));
        return new Listing(ready, waiting, ignored);
    }

    /** Null for a regular file; otherwise what it is instead, told without following a link. */
    private static String kindOf(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return "missing file";
        }
        if (attributes.isRegularFile()) {
            return null;
        }
        return attributes.isSymbolicLink() ? "symbolic link" : attributes.isDirectory() ? "directory" : "special file";
    }

    /** Moves {@code file} and its marker to the quarantine folder and records why; returns the summary's line. */
    private String quarantine(Path file, String reason, String runId) {
        String name = file.getFileName().toString();
        try {
            Path folder = Files.createDirectories(inbox.resolve(QUARANTINE_DIR));
            Path target = folder.resolve(name);
            for (int n = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
                target = folder.resolve(name + "." + n);
            }
            Files.move(file, target);
            Files.move(file.resolveSibling(name + DONE_SUFFIX),
                    target.resolveSibling(target.getFileName() + DONE_SUFFIX));
            new RejectedFiles(warehouse).record(new RejectedFiles.Row(name, target.toString(), reason, runId));
            LOG.warn("inbox: {} quarantined whole, moved to {}: {}", name, target, reason);
            return name + " -> " + inbox.relativize(target) + " (" + reason + ")";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the rejected file " + file + " aside (" + reason + ")", e);
        }
    }

    private static int rank(Path file) {
        return ImportFormat.SETLIST.importOrder(file.getFileName().toString());
    }
}
