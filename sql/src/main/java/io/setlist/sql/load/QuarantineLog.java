package io.setlist.sql.load;

import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the quarantine table: the rows imports rejected, with where they came from and why. */
public final class QuarantineLog {
    private final DataSource ds;

    public QuarantineLog(DataSource ds) {
        this.ds = ds;
    }

    /** One rejected row; {@code field} is null when the row as a whole was at fault. */
    public record Row(String sourceFile, long lineNo, String field, String reason, String rawLine) {
    }

    /** Up to {@code limit} rows of {@code sourceFile} (null: every file), in import and file order. */
    public List<Row> list(String sourceFile, int limit) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("quarantine/list.sql"))) {
            s.setString(1, sourceFile);
            s.setString(2, sourceFile);
            s.setInt(3, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the quarantine table", e);
        }
    }

    /** Rejected rows per source file (of {@code sourceFile} only, unless null). */
    public Map<String, Long> counts(String sourceFile) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("quarantine/count.sql"))) {
            s.setString(1, sourceFile);
            s.setString(2, sourceFile);
            Map<String, Long> counts = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the quarantine table", e);
        }
    }
}
