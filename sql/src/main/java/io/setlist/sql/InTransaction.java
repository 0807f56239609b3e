package io.setlist.sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work on one pooled connection in one transaction: committed when the work returns, rolled back when it
 * throws, and the connection's auto-commit restored either way before it goes back to the pool.
 */
public final class InTransaction {
    private InTransaction() {
    }

    /** The work: may run any statements on the connection; must not commit or roll back itself. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * @param failure what failed, for the message of the {@link IllegalStateException} an {@link SQLException}
     *                becomes (e.g. "event purge failed for 2026-11-24")
     */
    public static <T> T run(DataSource ds, String failure, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(failure, e);
        }
    }
}
