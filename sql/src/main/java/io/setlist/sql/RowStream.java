package io.setlist.sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs a query from a {@link SqlResource} and hands each row to a callback, through a server-side cursor
 * ({@code fetchSize} inside a transaction), so memory stays flat at any table size and no per-row object is built.
 */
public final class RowStream {
    private static final int FETCH = 50_000;

    private RowStream() {
    }

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    public interface RowAction {
        void accept(ResultSet row) throws SQLException;
    }

    /** Streams {@code sql/<sqlName>} with parameters set by {@code binder}; returns the number of rows. */
    public static long forEach(DataSource ds, String sqlName, Binder binder, RowAction action) {
        try (Connection c = ds.getConnection()) {
            // A transaction, because the driver only uses a server-side cursor outside auto-commit.
            return InTransaction.on(c, tx -> {
                try (PreparedStatement s = tx.prepareStatement(SqlResource.load(sqlName))) {
                    s.setFetchSize(FETCH);
                    binder.bind(s);
                    long n = 0;
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            action.accept(rs);
                            n++;
                        }
                    }
                    return n;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("query " + sqlName + " failed: " + e.getMessage(), e);
        }
    }
}
