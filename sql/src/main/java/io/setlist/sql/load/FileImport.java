package io.setlist.sql.load;

import io.setlist.sql.SqlResource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.setlist.sql.copy.CopyTextStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * validation too, marked with the reason), the checks that need the warehouse mark unknown keys and duplicates,
 * one INSERT ... SELECT loads the rest, and the ledger row and quarantine rows are written before the commit.
 * A failure anywhere rolls all of it back.
 */
final class FileImport {
    /** Bookkeeping columns at the front of every staging table: line_no, raw_line, reject_field, reject_reason. */
    private static final int BOOKKEEPING_COLUMNS = 4;

    private final Path file;
    private final FileKind kind;
    private final String sourceFile;

    FileImport(Path file, FileKind kind) {
        this.file = file;
        this.kind = kind;
        this.sourceFile = file.getFileName().toString();
    }

    WorkloadImport.FileReport run(Connection connection) throws SQLException {
        long started = System.nanoTime();
        String sha256 = FileChecksum.sha256(file);
        try (Statement statement = connection.createStatement()) {
            statement.execute(SqlResource.load("load/lock_imports.sql"));
            if (alreadyImported(connection, sha256)) {
                return new WorkloadImport.FileReport(sourceFile, 0, 0, 0, true, seconds(started));
            }
            statement.execute(kind.createStaging());
            long read = stage(connection);
            statement.execute(SqlResource.load("load/analyze_staging.sql"));
            statement.execute(kind.rejectUnmatched());
            long loaded = statement.executeUpdate(kind.insert());
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
    private long stage(Connection connection) throws SQLException {
        RowRules rules = kind.rules(new FieldValues(Instant.now()));
        List<String> header = rules.header();
        String[] staged = new String[header.size()];
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn(SqlResource.load("load/copy_staging.sql"));
        try (CsvLineReader reader = new CsvLineReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            checkHeader(reader.next(), header);
            CopyTextStream out = new CopyTextStream(copy);
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                RejectedField rejection = validate(record, rules, staged);
                out.field(record.lineNo());
                out.field(record.rawLine());
                out.field(rejection == null ? null : rejection.field());
                out.field(rejection == null ? null : rejection.reason());
                for (String value : staged) {
                    out.field(rejection == null ? value : null);
                }
                out.endRow();
            }
            return out.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (copy.isActive()) {
                cancel(copy);
            }
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

    private static RejectedField validate(CsvRecord record, RowRules rules, String[] staged) {
        if (record.problem() != null) {
            return new RejectedField(null, "malformed CSV: " + record.problem());
        }
        int expected = rules.header().size();
        if (record.fields().size() != expected) {
            return new RejectedField(null, "expected " + expected + " fields, found " + record.fields().size());
        }
        if (record.rawLine().indexOf('\0') >= 0) {
            return new RejectedField(null, "contains a NUL character");
        }
        try {
            rules.stage(record.fields(), staged);
            return null;
        } catch (RejectedField rejection) {
            return rejection;
        }
    }

    private void checkHeader(CsvRecord first, List<String> header) {
        List<String> found = first == null ? List.of()
                : first.fields().stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
        if (!found.equals(header)) {
            throw new IllegalArgumentException(sourceFile + ": the first line must be the header "
                    + String.join(",", header) + (first == null ? ", the file is empty" : ", found " + first.rawLine()));
        }
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
            insert.setString(2, kind.label());
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
}
