package io.setlist.sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work on one connection in one transaction: committed when the work returns, rolled back when it throws
 * anything at all, and the connection's auto-commit restored only once the transaction has ended.
 *
 * <p>Why {@link Throwable}: with the PostgreSQL driver, turning auto-commit back on inside an open transaction
 * COMMITs it. A block that rolled back only on {@code SQLException}/{@code RuntimeException} and restored
 * auto-commit in {@code finally} therefore committed half of its work when an {@link Error} (say an
 * {@link OutOfMemoryError} half-way through an import) went through. Here every throwable rolls back first and is
 * rethrown unchanged; when even the rollback fails (the server is gone), auto-commit is left alone and the
 * connection is aborted, so neither the pool nor anyone else can commit what it holds. Every transaction of the
 * warehouse goes through this class ({@link #run} and {@link #on} for one block; a transaction that spans several
 * calls, such as a COPY, ends with {@link #rollBack} when it is not committed).
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
     * Runs {@code work} on a pooled connection.
     *
     * @param failure what failed, for the message of the {@link IllegalStateException} an {@link SQLException}
     *                becomes (e.g. "event purge failed for 2026-11-24")
     */
    public static <T> T run(DataSource ds, String failure, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return on(c, work);
        } catch (SQLException e) {
            throw new IllegalStateException(failure + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in a transaction on {@code c}, which the caller owns (and closes). */
    public static <T> T on(Connection c, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        T result;
        try {
            result = work.run(c);
            c.commit();
        } catch (Throwable t) {
            rollBack(c, autoCommit, t);
            throw t;
        }
        c.setAutoCommit(autoCommit);
        return result;
    }

    /**
     * Ends the transaction open on {@code c} without committing it: rolls back, then restores {@code autoCommit}.
     * When the rollback fails the connection is aborted instead. Never throws: a failure of its own is added to
     * {@code cause} when there is one (the error that is already on its way up).
     */
    public static void rollBack(Connection c, boolean autoCommit, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
            abort(c, cause);
            return;
        }
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException | RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
            abort(c, cause);
        }
    }

    private static void abort(Connection c, Throwable cause) {
        try {
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
