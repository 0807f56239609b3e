package io.setlist.sql.load;

import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code rejected_files} table: inbox files quarantined whole, where they were moved and why. */
public final class RejectedFiles {
    private final DataSource ds;

    public RejectedFiles(DataSource ds) {
        this.ds = ds;
    }

    /** One rejected file. */
    public record Row(String sourceFile, String movedTo, String reason, String runId) {
    }

    public void record(Row row) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("load/reject_file.sql"))) {
            s.setString(1, row.sourceFile());
            s.setString(2, row.movedTo());
            s.setString(3, row.reason());
            s.setString(4, row.runId());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the rejected file " + row.sourceFile(), e);
        }
    }

    /** The most recent {@code limit} rejected files, newest first. */
    public List<Row> recent(int limit) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("load/rejected_files.sql"))) {
            s.setInt(1, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the rejected files", e);
        }
    }
}
