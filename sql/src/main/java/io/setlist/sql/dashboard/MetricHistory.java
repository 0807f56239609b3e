package io.setlist.sql.dashboard;

import io.setlist.sql.RowStream;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A job's {@code run_metrics} over its last N business dates (drift over time), oldest date first. */
public final class MetricHistory {
    private final DataSource ds;

    public MetricHistory(DataSource ds) {
        this.ds = ds;
    }

    /** date → (metric → value), for the {@code days} business dates up to the job's newest one. */
    public Map<LocalDate, Map<String, Double>> lastDays(String job, int days) {
        Map<LocalDate, Map<String, Double>> out = new TreeMap<>();
        RowStream.forEach(ds, "dashboard/metrics_history.sql", s -> {
            s.setString(1, job);
            s.setString(2, job);
            s.setInt(3, days);
        }, rs -> out.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new LinkedHashMap<>())
                .put(rs.getString(2), rs.getDouble(3)));
        return out;
    }
}
