package io.setlist.sql.runs;

import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/** The warehouse's record of what was published to DynamoDB, for operators and audits. */
public final class PublishedRunsTable {
    private final DataSource ds;

    public PublishedRunsTable(DataSource ds) {
        this.ds = ds;
    }

    public void record(String runId, LocalDate date, long users, long cacheEntries) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("runs/record_published.sql"))) {
            s.setString(1, runId);
            s.setObject(2, date);
            s.setLong(3, users);
            s.setLong(4, cacheEntries);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record published run " + runId, e);
        }
    }
}
