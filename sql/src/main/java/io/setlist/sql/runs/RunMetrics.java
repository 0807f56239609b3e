package io.setlist.sql.runs;

import io.setlist.sql.InTransaction;
import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named numbers a job records beside its run-ledger row (drift, model version), one per (job, date, metric). */
public final class RunMetrics {
    private final DataSource ds;

    public RunMetrics(DataSource ds) {
        this.ds = ds;
    }

    /** Records (or replaces) every metric in one transaction. */
    public void record(String job, LocalDate date, Map<String, Double> metrics) {
        InTransaction.run(ds, "run metrics: cannot record " + job + " for " + date, c -> {
            try (PreparedStatement s = c.prepareStatement(SqlResource.load("metrics/upsert.sql"))) {
                for (Map.Entry<String, Double> m : metrics.entrySet()) {
                    s.setString(1, job);
                    s.setObject(2, date);
                    s.setString(3, m.getKey());
                    s.setDouble(4, m.getValue());
                    s.addBatch();
                }
                return s.executeBatch().length;
            }
        });
    }

    public Map<String, Double> forRun(String job, LocalDate date) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("metrics/for_run.sql"))) {
            s.setString(1, job);
            s.setObject(2, date);
            Map<String, Double> out = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getDouble(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("run metrics: cannot read " + job + " for " + date, e);
        }
    }
}
