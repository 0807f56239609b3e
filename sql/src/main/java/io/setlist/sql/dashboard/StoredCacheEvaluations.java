package io.setlist.sql.dashboard;

import io.setlist.sql.InTransaction;
import io.setlist.sql.RowStream;
import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Results of cache replays ({@code eval cache}) kept in the warehouse (tables {@code cache_evaluations} and
 * {@code cache_evaluation_rows}), so that readers such as the operations dashboard draw hit-rate curves without
 * running the simulator. Deliberately independent of the simulator's own types: whoever replays stores plain rows.
 */
public final class StoredCacheEvaluations {
    private final DataSource ds;

    public StoredCacheEvaluations(DataSource ds) {
        this.ds = ds;
    }

    /** One policy at one capacity (a share of the window's working set). Rates are in [0, 1]. */
    public record Point(String policy, double capacityShare, long capacityBytes, long requests, double byteHitRate,
                        double fullPlayHitRate) {
    }

    /** One replay: where its plays came from, its window, totals, and its points. */
    public record Evaluation(long id, Instant evaluatedAt, String source, Instant windowFrom, Instant windowTo,
                             long requests, long fullPlays, long workingSetBytes, List<Point> points) {
    }

    /** Stores one replay in one transaction; returns its id. */
    public long store(String source, Instant windowFrom, Instant windowTo, long requests, long fullPlays,
                      long workingSetBytes, List<Point> points) {
        return InTransaction.run(ds, "cannot store the cache evaluation of " + source, c -> {
            long id;
            try (PreparedStatement s = c.prepareStatement(SqlResource.load("dashboard/cache_evaluation_insert.sql"))) {
                s.setString(1, source);
                s.setTimestamp(2, Timestamp.from(windowFrom));
                s.setTimestamp(3, Timestamp.from(windowTo));
                s.setLong(4, requests);
                s.setLong(5, fullPlays);
                s.setLong(6, workingSetBytes);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    SqlResource.load("dashboard/cache_evaluation_row_insert.sql"))) {
                for (Point p : points) {
                    s.setLong(1, id);
                    s.setString(2, p.policy());
                    s.setDouble(3, p.capacityShare());
                    s.setLong(4, p.capacityBytes());
                    s.setLong(5, p.requests());
                    s.setDouble(6, p.byteHitRate());
                    s.setDouble(7, p.fullPlayHitRate());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return id;
        });
    }

    /** The newest stored replay, or empty when none was stored. */
    public Optional<Evaluation> latest() {
        List<Point> points = new ArrayList<>();
        Evaluation[] head = new Evaluation[1];
        RowStream.forEach(ds, "dashboard/cache_evaluation_latest.sql", s -> { }, rs -> {
            if (head[0] == null) {
                head[0] = new Evaluation(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getLong(6), rs.getLong(7),
                        rs.getLong(8), points);
            }
            points.add(new Point(rs.getString(9), rs.getDouble(10), rs.getLong(11), rs.getLong(6), rs.getDouble(12),
                    rs.getDouble(13)));
        });
        return Optional.ofNullable(head[0]).map(h -> new Evaluation(h.id(), h.evaluatedAt(), h.source(),
                h.windowFrom(), h.windowTo(), h.requests(), h.fullPlays(), h.workingSetBytes(), List.copyOf(points)));
    }
}
