package io.setlist.sql.copy;

import io.setlist.sql.InTransaction;
import io.setlist.sql.SqlResource;
import org.postgresql.PGConnection;

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
    private final org.postgresql.copy.CopyIn copy;
    private final CopyTextStream rows;
    private final LocalDate date;
    private boolean committed;

    private DatedReplace(Connection connection, org.postgresql.copy.CopyIn copy, LocalDate date) {
        this.connection = connection;
        this.copy = copy;
        this.rows = new CopyTextStream(copy);
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
            return new DatedReplace(c, c.unwrap(PGConnection.class).getCopyAPI().copyIn(SqlResource.load(copySql)),
                    date);
        } catch (SQLException e) {
            discard(c, e);
            throw new IllegalStateException("cannot start replacing " + copySql + " for " + date, e);
        } catch (RuntimeException | Error e) {
            discard(c, e);
            throw e;
        }
    }

    /** Starts a row: the business date is written as its first field. */
    public DatedReplace row() {
        return field(date.toString());
    }

    public DatedReplace field(String value) {
        try {
            rows.field(value);
            return this;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public DatedReplace field(long value) {
        return field(Long.toString(value));
    }

    public DatedReplace field(double value) {
        return field(Double.toString(value));
    }

    /** Ends the row started by {@link #row()}. */
    public void endRow() {
        try {
            rows.endRow();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Finishes the COPY and commits; returns the rows written. */
    public long commit() {
        try {
            long n = rows.finish();
            connection.commit();
            committed = true;
            return n;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("COPY failed: " + e.getMessage(), e);
    }

    /** Rolls back unless committed (whatever ended the work, an {@link Error} included), then gives the connection back. */
    @Override
    public void close() {
        try {
            if (!committed) {
                try {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                } catch (SQLException ignored) {
                    // the rollback below ends the transaction either way
                }
                InTransaction.rollBack(connection, true, null);
            } else {
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the connection is closed below either way
        } finally {
            closeQuietly(connection);
        }
    }

    /** Rolls back what {@link #open} began, and closes. */
    private static void discard(Connection c, Throwable cause) {
        if (c != null) {
            InTransaction.rollBack(c, true, cause);
            closeQuietly(c);
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
