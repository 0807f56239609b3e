package io.setlist.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The warehouse connection pool, migrated to the current schema on open.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Opens a pool on {@code jdbcUrl} and applies every pending Flyway migration. */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("setlist");
        // Business dates are UTC days: every date-to-timestamp cast in the queries relies on this.
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        // Fail fast with the server's own message rather than waiting out the default 30 s.
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    // Features add their own, independent migrations (V<issue>_<n>); one merged later with a lower
                    // number than one already applied must still be applied, not rejected.
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    /**
     * A second, small pool on the same warehouse, without migrations (the main pool ran them): the read API's own,
     * so API traffic can never take the connections Quartz and the pipeline stages need. A request that finds it
     * spent waits at most {@code waitMillis}, then fails with {@link java.sql.SQLTransientConnectionException}
     * (answered 503 by the API).
     */
    public static Database openSide(String jdbcUrl, String user, String password, int poolSize, String name,
                                    long waitMillis) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName(name);
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        config.setConnectionTimeout(Math.max(250, waitMillis));
        config.setInitializationFailTimeout(10_000);
        return new Database(new HikariDataSource(config));
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
