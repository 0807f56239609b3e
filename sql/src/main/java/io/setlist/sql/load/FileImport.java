package io.setlist.sql.load;

import io.setlist.sql.SqlResource;
import io.setlist.sql.TimedSteps;
import io.setlist.sql.copy.CopyTextStream;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Imports one file in one transaction: every data row is COPYed into a temporary staging table (rows that failed
 * validation too, marked with the reason), the missing keys the format creates are added (users or artists it only
 * knows from these rows), the checks that need the warehouse mark unknown keys and duplicates, one INSERT ... SELECT
 * loads the rest, and the ledger row and quarantine rows are written before the commit. Plays files, the largest,
 * are checked in memory and COPYed straight into their table instead ({@link PlayCopy}); only their rejected rows
 * are staged. A failure anywhere rolls all of it back, so a half-done import leaves nothing behind.
 */
final class FileImport {
    private static final Logger LOG = LoggerFactory.getLogger(FileImport.class);

    private final Path file;
    private final ImportFormat format;
    private final FileSpec spec;
    private final String sourceFile;
    private final ImportProgress progress;
    private final TimedSteps steps;

    FileImport(Path file, ImportFormat format, FileSpec spec, ImportProgress progress) {
        this.file = file;
        this.format = format;
        this.spec = spec;
        this.sourceFile = file.getFileName().toString();
        this.progress = progress;
        this.steps = new TimedSteps(LOG, sourceFile);
    }

    WorkloadImport.FileReport run(Connection connection) throws SQLException {
        long started = System.nanoTime();
        String sha256 = FileChecksum.sha256(file);
        try (Statement statement = connection.createStatement()) {
            statement.execute(SqlResource.load("load/lock_imports.sql"));
            if (alreadyImported(connection, sha256)) {
                return new WorkloadImport.FileReport(sourceFile, 0, 0, 0, true, seconds(started));
            }
            statement.execute(SqlResource.load("load/session_settings.sql"));
            long read;
            long loaded;
            if (spec.target() == LoadTarget.PLAYS) {
                PlayCopy.Counts counts = new PlayCopy(file, spec, sourceFile, progress).run(connection);
                read = counts.read();
                loaded = counts.loaded();
            } else {
                read = stage(connection);
                loaded = checkAndInsert(statement);
            }
            LOG.debug("{}: read and loaded in {} s", sourceFile, String.format(Locale.ROOT, "%.2f", seconds(started)));
            long quarantined = countRejected(statement);
            // Events already in the warehouse (by their natural key) are skipped by the insert, not quarantined.
            long alreadyLoaded = spec.target().skipsLoadedRows() ? read - loaded - quarantined : 0;
            if (read != loaded + quarantined + alreadyLoaded || alreadyLoaded < 0) {
                throw new IllegalStateException(sourceFile + ": read " + read + " rows but loaded " + loaded
                        + " and quarantined " + quarantined);
            }
            long importId = recordImport(connection, sha256, read, loaded, quarantined);
            quarantine(connection, importId);
            return new WorkloadImport.FileReport(sourceFile, read, loaded, quarantined, false, seconds(started),
                    alreadyLoaded);
        }
    }

    /** The staging path: the format's key creation, the checks that need the warehouse, one INSERT ... SELECT. */
    private long checkAndInsert(Statement statement) throws SQLException {
        LoadTarget target = spec.target();
        progress.phase(sourceFile, "checking against the warehouse");
        steps.run(statement, "analyze staging", SqlResource.load("load/analyze_staging.sql"));
        for (String sql : spec.createSql()) {
            steps.run(statement, "create missing keys", sql);
        }
        steps.run(statement, "reject unmatched", target.rejectUnmatched());
        progress.phase(sourceFile, "loading into " + target.label());
        if (target.beforeInsert().isPresent()) {
            steps.run(statement, "before insert", target.beforeInsert().get());
        }
        long loaded = steps.run(statement, "insert into " + target.label(), target.insert());
        if (target.afterInsert().isPresent()) {
            steps.run(statement, "after insert", target.afterInsert().get());
        }
        return loaded;
    }

    private boolean alreadyImported(Connection connection, String sha256) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(SqlResource.load("load/find_import.sql"))) {
            find.setString(1, sha256);
            try (ResultSet rs = find.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Streams the file through validation into COPY, every row (rejected ones with their reason and no values);
     * returns the number of data rows read.
     */
    private long stage(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(spec.target().createStaging());
        }
        CopyTextStream out = new CopyTextStream(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn(SqlResource.load("load/copy_staging.sql")));
        try (ValidatedRows rows = new ValidatedRows(file, spec, sourceFile, progress)) {
            while (rows.next()) {
                SourceRecord record = rows.record();
                RejectedField rejection = rows.rejection();
                out.field(record.lineNo());
                out.field(record.rawLine());
                out.field(rejection == null ? null : rejection.field());
                out.field(rejection == null ? null : rejection.reason());
                for (String value : rows.staged()) {
                    out.field(value);
                }
                out.endRow();
            }
            return out.finish();
        } finally {
            out.abandon();
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
}
