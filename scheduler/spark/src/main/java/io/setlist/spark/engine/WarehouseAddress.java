package io.setlist.spark.engine;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How an executor reaches the warehouse: it opens its own connections, since a pool cannot travel. The password
 * travels with the tasks (Spark's RPC; turn on {@code spark.authenticate} and {@code spark.network.crypto.enabled}
 * on a shared cluster).
 */
public record WarehouseAddress(String jdbcUrl, String user, String password) implements Serializable {

    /** The address of the database behind {@code ds}, with {@code password} (a connection cannot tell it). */
    public static WarehouseAddress of(DataSource ds, String password) {
        try (Connection c = ds.getConnection()) {
            return new WarehouseAddress(c.getMetaData().getURL(), c.getMetaData().getUserName(), password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the warehouse: " + e.getMessage(), e);
        }
    }

    /** A connection-per-call data source: one partition's read is one connection. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    /** True for loopback: only executors on this machine (a {@code local[N]} master) can reach it. */
    public boolean loopback() {
        return jdbcUrl.contains("//127.0.0.1") || jdbcUrl.contains("//localhost") || jdbcUrl.contains("//[::1]");
    }

    @Override
    public String toString() {
        return "WarehouseAddress[" + jdbcUrl + ", user=" + user + "]"; // never the password
    }
}
