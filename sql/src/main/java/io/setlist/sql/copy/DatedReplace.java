package io.setlist.sql.copy;

import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Replaces one business date's rows of a stage output table in a single transaction: delete the date, COPY the
 * new rows, commit. A stage that dies half-way leaves the previous rows; a re-run replaces them, never doubles.
 */
public final class DatedReplace implements AutoCloseable {
    private final Connection connection;
    private final CopyWriter writer;
    private final LocalDate date;
    private boolean committed;

    private DatedReplace(Connection connection, CopyWriter writer, LocalDate date) {
        this.connection = connection;
        this.writer = writer;
        this.date = date;
    }

    /**
     * @param deleteSql a resource deleting the date's rows (one parameter: the date)
     * @param copySql   a resource holding the {@code COPY ... FROM STDIN} statement; rows start with the date
     */
    public static DatedReplace open(DataSource ds, String deleteSql, String copySql, LocalDate date) {
        Connection c = null;
        try {
            c = ds.getConnection();
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement(SqlResource.load(deleteSql))) {
                delete.setObject(1, date);
                delete.executeUpdate();
            }
            return new DatedReplace(c, new CopyWriter(c, SqlResource.load(copySql)), date);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("cannot start replacing " + copySql + " for " + date, e);
        }
    }

    /** Starts a row: the business date is written as its first field. */
    public CopyWriter row() {
        return writer.field(date);
    }

    /** Ends the row started by {@link #row()}. */
    public void endRow() {
        try {
            writer.endRow();
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }

    /** Finishes the COPY and commits; returns the rows written. */
    public long commit() {
        try {
            long rows = writer.finish();
            connection.commit();
            committed = true;
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (!committed) {
                writer.close();
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is closed below either way
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to do
            }
        }
    }
}
