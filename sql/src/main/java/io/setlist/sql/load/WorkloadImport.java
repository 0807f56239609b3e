package io.setlist.sql.load;

import io.setlist.sql.InTransaction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bulk import of Setlist's CSV files and the external formats of {@link ImportFormat} (see
 * {@code docs/data-formats.md}) into the warehouse.
 *
 * <p>Each file is imported in one transaction: streamed and validated, COPYed into a staging table, mapped from
 * external keys to surrogate ids by one INSERT ... SELECT. Every row that is not loaded lands in
 * {@code quarantine} with its line number and reason, or (events only) is an event the warehouse already holds, so
 * {@code read = loaded + quarantined + alreadyLoaded} always holds. A file whose SHA-256 is already in
 * {@code imports} is skipped. Nothing is printed; one INFO line is logged per file.
 */
public final class WorkloadImport {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadImport.class);

    private WorkloadImport() {
    }

    /**
     * @param file               the file name, without its directory
     * @param read               data rows in the file (header and blank lines excluded)
     * @param skippedAsDuplicate the same bytes were imported before, so nothing was read
     * @param seconds            wall time spent on the file
     * @param alreadyLoaded      rows skipped because the warehouse already held them (events, by natural key)
     */
    public record FileReport(String file, long read, long loaded, long quarantined, boolean skippedAsDuplicate,
                             double seconds, long alreadyLoaded) {
        public FileReport(String file, long read, long loaded, long quarantined, boolean skippedAsDuplicate,
                          double seconds) {
            this(file, read, loaded, quarantined, skippedAsDuplicate, seconds, 0);
        }
    }

    /** The files imported, in the order they were imported. */
    public record ImportReport(List<FileReport> files) {
        public ImportReport {
            files = List.copyOf(files);
        }

        public long read() {
            return files.stream().mapToLong(FileReport::read).sum();
        }

        public long loaded() {
            return files.stream().mapToLong(FileReport::loaded).sum();
        }

        public long quarantined() {
            return files.stream().mapToLong(FileReport::quarantined).sum();
        }

        public double seconds() {
            return files.stream().mapToDouble(FileReport::seconds).sum();
        }

        public Optional<FileReport> file(String fileName) {
            return files.stream().filter(f -> f.file().equals(fileName)).findFirst();
        }
    }

    /** Imports a directory of Setlist's own CSV files (see {@link #importPath}). */
    public static ImportReport importDirectory(DataSource dataSource, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir.toAbsolutePath());
        }
        return importPath(dataSource, ImportFormat.SETLIST, dir, ImportProgress.NONE);
    }

    /** Imports one of Setlist's own CSV files, its kind told by its name (see {@link #importPath}). */
    public static ImportReport importFile(DataSource dataSource, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file.toAbsolutePath());
        }
        return importPath(dataSource, ImportFormat.SETLIST, file, ImportProgress.NONE);
    }

    /**
     * Imports {@code path} as {@code format}. A directory: whichever of the format's files it holds, in the format's
     * order, each in its own transaction; a file that fails (unreadable, a wrong header, a lost connection) stops the
     * run with the files before it committed and nothing of it left behind. A file: that one, its kind told by its
     * name ({@code users.csv} or {@code users-<anything>.csv}; a one-file format takes any name).
     *
     * @throws IllegalArgumentException when the path does not exist or a file's name tells no kind
     */
    public static ImportReport importPath(DataSource dataSource, ImportFormat format, Path path,
                                          ImportProgress progress) {
        List<FileReport> reports = new ArrayList<>();
        if (Files.isDirectory(path)) {
            for (FileSpec spec : format.files()) {
                Path file = fileFor(path, spec);
                if (file != null) {
                    reports.add(importAs(dataSource, file, format, spec, progress));
                }
            }
            if (reports.isEmpty()) {
                LOG.warn("no {} files in {}; expected {}", format.label(), path.toAbsolutePath(),
                        String.join(", ", format.fileNames()));
            }
        } else if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            FileSpec spec = format.specFor(name).orElseThrow(() -> new RejectedFileException(
                    "cannot tell what " + name + " holds: expected one of " + String.join(", ", format.fileNames())));
            reports.add(importAs(dataSource, path, format, spec, progress));
        } else {
            throw new IllegalArgumentException("no such file or directory: " + path.toAbsolutePath());
        }
        return new ImportReport(reports);
    }

    /**
     * The file of {@code dir} that holds {@code spec}'s rows: the one named {@code spec.baseName()}, else the only
     * file whose name {@link FileSpec#matches} (HetRec's {@code user_taggedartists.rejoined.dat}); null when none,
     * or when several match and none has the exact name (which to take would be a guess).
     */
    private static Path fileFor(Path dir, FileSpec spec) {
        Path exact = dir.resolve(spec.baseName());
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            List<Path> matching = files.filter(Files::isRegularFile)
                    .filter(f -> spec.matches(f.getFileName().toString())).toList();
            return matching.size() == 1 ? matching.get(0) : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static FileReport importAs(DataSource dataSource, Path file, ImportFormat format, FileSpec spec,
                                       ImportProgress progress) {
        try (Connection connection = dataSource.getConnection()) {
            FileReport report = InTransaction.on(connection, c -> new FileImport(file, format, spec, progress).run(c));
            log(report);
            progress.finished(report);
            return report;
        } catch (SQLException e) {
            throw new IllegalStateException("importing " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static void log(FileReport report) {
        if (report.skippedAsDuplicate()) {
            LOG.info("{}: skipped, the same file was imported before", report.file());
        } else {
            LOG.info("{}: read {}, loaded {}, quarantined {}{} in {} s", report.file(), report.read(),
                    report.loaded(), report.quarantined(),
                    report.alreadyLoaded() == 0 ? "" : ", already loaded " + report.alreadyLoaded(),
                    String.format("%.2f", report.seconds()));
        }
    }
}
