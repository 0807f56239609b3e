package io.setlist.sql.load;

import io.setlist.sql.SqlResource;
import io.setlist.sql.copy.CopyTextStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Imports one file in one transaction: every data row is COPYed into a temporary staging table (rows that failed
 * validation too, marked with the reason), the format's preparation steps run (creating users or artists it only
 * knows from these rows), the checks that need the warehouse mark unknown keys and duplicates, one INSERT ... SELECT
 * loads the rest, and the ledger row and quarantine rows are written before the commit. A failure anywhere rolls
 * all of it back, so a half-done import leaves nothing behind.
 */
final class FileImport {
    private static final int PROGRESS_EVERY_ROWS = 1 << 16;

    private final Path file;
    private final ImportFormat format;
    private final FileSpec spec;
    private final String sourceFile;
    private final ImportProgress progress;

    FileImport(Path file, ImportFormat format, FileSpec spec, ImportProgress progress) {
        this.file = file;
        this.format = format;
        this.spec = spec;
        this.sourceFile = file.getFileName().toString();
        this.progress = progress;
    }

    WorkloadImport.FileReport run(Connection connection) throws SQLException {
        long started = System.nanoTime();
        String sha256 = FileChecksum.sha256(file);
        LoadTarget target = spec.target();
        try (Statement statement = connection.createStatement()) {
            statement.execute(SqlResource.load("load/lock_imports.sql"));
            if (alreadyImported(connection, sha256)) {
                return new WorkloadImport.FileReport(sourceFile, 0, 0, 0, true, seconds(started));
            }
            statement.execute(SqlResource.load("load/session_settings.sql"));
            statement.execute(target.createStaging());
            DuplicateCandidates duplicates = target.inFileKey().length == 0 ? null
                    : new DuplicateCandidates(target.inFileKey());
            long read = stage(connection, duplicates);
            if (duplicates != null) {
                duplicates.store(connection);
            }
            progress.phase(sourceFile, "checking against the warehouse");
            statement.execute(SqlResource.load("load/analyze_staging.sql"));
            for (String sql : spec.prepareSql()) {
                statement.execute(sql);
            }
            statement.execute(target.rejectUnmatched());
            progress.phase(sourceFile, "loading into " + target.label());
            if (target.beforeInsert().isPresent()) {
                statement.execute(target.beforeInsert().get());
            }
            long loaded = statement.executeUpdate(target.insert());
            if (target.afterInsert().isPresent()) {
                statement.execute(target.afterInsert().get());
            }
            long quarantined = countRejected(statement);
            if (read != loaded + quarantined) {
                throw new IllegalStateException(sourceFile + ": read " + read + " rows but loaded " + loaded
                        + " and quarantined " + quarantined);
            }
            long importId = recordImport(connection, sha256, read, loaded, quarantined);
            quarantine(connection, importId);
            return new WorkloadImport.FileReport(sourceFile, read, loaded, quarantined, false, seconds(started));
        }
    }

    private boolean alreadyImported(Connection connection, String sha256) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(SqlResource.load("load/find_import.sql"))) {
            find.setString(1, sha256);
            try (ResultSet rs = find.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Streams the file through validation into COPY; returns the number of data rows read. */
    private long stage(Connection connection, DuplicateCandidates duplicates) throws SQLException {
        RowRules rules = spec.rules().apply(new FieldValues(Instant.now()));
        String[] staged = new String[spec.target().columns()];
        long bytes = sizeOf(file);
        progress.started(sourceFile, bytes);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn(SqlResource.load("load/copy_staging.sql"));
        CountingInputStream counted = new CountingInputStream(open(file));
        try (RecordReader reader = spec.reader(counted, rules.header())) {
            int fieldsPerRow = spec.headerLine() ? checkHeader(reader.next(), rules) : -1;
            CopyTextStream out = new CopyTextStream(copy);
            long rows = 0;
            for (SourceRecord record = reader.next(); record != null; record = reader.next()) {
                RejectedField rejection = validate(record, rules, fieldsPerRow, staged);
                if (rejection == null && duplicates != null) {
                    duplicates.add(staged);
                }
                out.field(record.lineNo());
                out.field(record.rawLine());
                out.field(rejection == null ? null : rejection.field());
                out.field(rejection == null ? null : rejection.reason());
                for (String value : staged) {
                    out.field(rejection == null ? value : null);
                }
                out.endRow();
                if (++rows % PROGRESS_EVERY_ROWS == 0) {
                    progress.advanced(sourceFile, counted.count(), rows);
                }
            }
            progress.advanced(sourceFile, counted.count(), rows);
            return out.finish();
        } finally {
            if (copy.isActive()) {
                cancel(copy);
            }
        }
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called only while another exception is on its way out, which is the one worth reporting. */
    private static void cancel(CopyIn copy) {
        try {
            copy.cancelCopy();
        } catch (SQLException ignored) {
            // the transaction is rolled back anyway
        }
    }

    /**
     * @param fieldsPerRow the header's column count, or -1 for a file without a header line (then any count from
     *                     the rules' minimum to their maximum is accepted)
     */
    private static RejectedField validate(SourceRecord record, RowRules rules, int fieldsPerRow, String[] staged) {
        java.util.Arrays.fill(staged, null);
        if (record.problem() != null) {
            return new RejectedField(null, record.problem());
        }
        int found = record.fields().size();
        int max = rules.header().size();
        if (fieldsPerRow >= 0 ? found != fieldsPerRow : found < rules.minFields() || found > max) {
            String expected = fieldsPerRow >= 0 ? Integer.toString(fieldsPerRow)
                    : rules.minFields() == max ? Integer.toString(max) : rules.minFields() + " to " + max;
            return new RejectedField(null, "expected " + expected + " fields, found " + found);
        }
        if (record.rawLine().indexOf('\0') >= 0) {
            return new RejectedField(null, "contains a NUL character");
        }
        List<String> fields = record.fields();
        if (found < max) {
            fields = new java.util.ArrayList<>(fields);
            while (fields.size() < max) {
                fields.add("");
            }
        }
        try {
            rules.stage(fields, staged);
            return null;
        } catch (RejectedField rejection) {
            java.util.Arrays.fill(staged, null);
            return rejection;
        }
    }

    /** The header must name the rules' columns in order, possibly without trailing optional ones. */
    private int checkHeader(SourceRecord first, RowRules rules) {
        List<String> header = rules.header();
        List<String> found = first == null ? List.of()
                : first.fields().stream().map(f -> f == null ? "" : f.trim().toLowerCase(Locale.ROOT)).toList();
        boolean ok = found.size() >= rules.minFields() && found.size() <= header.size()
                && found.equals(header.subList(0, found.size()));
        if (!ok) {
            String expected = String.join(",", header.subList(0, rules.minFields()))
                    + (rules.minFields() < header.size()
                    ? "[," + String.join(",", header.subList(rules.minFields(), header.size())) + "]" : "");
            throw new IllegalArgumentException(sourceFile + ": the first line must be the header " + expected
                    + (first == null ? ", the file is empty" : ", found " + first.rawLine()));
        }
        return found.size();
    }

    private static long countRejected(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery(SqlResource.load("load/count_rejected.sql"))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long recordImport(Connection connection, String sha256, long read, long loaded, long quarantined)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(SqlResource.load("load/record_import.sql"))) {
            insert.setString(1, sourceFile);
            // Setlist's own files keep the bare table name; an external format says which it was.
            insert.setString(2, format == ImportFormat.SETLIST ? spec.target().label()
                    : format.label() + ":" + spec.target().label());
            insert.setString(3, sha256);
            insert.setLong(4, read);
            insert.setLong(5, loaded);
            insert.setLong(6, quarantined);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void quarantine(Connection connection, long importId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                SqlResource.load("load/quarantine_rejected.sql"))) {
            insert.setLong(1, importId);
            insert.setString(2, sourceFile);
            insert.executeUpdate();
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
