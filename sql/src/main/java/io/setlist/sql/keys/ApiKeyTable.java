package io.setlist.sql.keys;

import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code api_keys} table: one row per API key, holding its SHA-256 and never the key itself. Names are unique
 * among active keys.
 */
public final class ApiKeyTable {
    private final DataSource ds;

    public ApiKeyTable(DataSource ds) {
        this.ds = ds;
    }

    /** A stored key; {@code prefix} is the start of the key, enough to tell keys apart in a list, not to use one. */
    public record StoredKey(long id, String name, String scope, String prefix, Instant createdAt, Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A name already used by an active key. */
    public static final class NameTakenException extends RuntimeException {
        public NameTakenException(String name) {
            super("an active API key is already named '" + name + "'; revoke it first or choose another name");
        }
    }

    public StoredKey insert(String name, String scope, byte[] sha256, String prefix) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("keys/insert.sql"))) {
            s.setString(1, name);
            s.setString(2, scope);
            s.setBytes(3, sha256);
            s.setString(4, prefix);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return read(rs);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) && e.getMessage().contains("api_keys_active_name")) {
                throw new NameTakenException(name);
            }
            throw new IllegalStateException("cannot store API key '" + name + "'", e);
        }
    }

    /** An active key as the API checks it: its id, name, scope and SHA-256. */
    public record ActiveKey(long id, String name, String scope, byte[] sha256) {
    }

    /** Every active key, in one query: the API holds them all in memory (a few hundred bytes a key). */
    public List<ActiveKey> active() {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("keys/active_hashes.sql"));
             ResultSet rs = s.executeQuery()) {
            List<ActiveKey> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ActiveKey(rs.getLong("key_id"), rs.getString("name"), rs.getString("scope"),
                        rs.getBytes("key_hash")));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the active API keys", e);
        }
    }

    public List<StoredKey> list() {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("keys/list.sql"));
             ResultSet rs = s.executeQuery()) {
            List<StoredKey> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list API keys", e);
        }
    }

    /** Revokes the active key named {@code name}; false when there is none. */
    public boolean revoke(String name) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("keys/revoke.sql"))) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke API key '" + name + "'", e);
        }
    }

    private static StoredKey read(ResultSet rs) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new StoredKey(rs.getLong("key_id"), rs.getString("name"), rs.getString("scope"),
                rs.getString("key_prefix"), rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
