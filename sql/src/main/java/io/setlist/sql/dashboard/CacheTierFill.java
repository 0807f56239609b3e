package io.setlist.sql.dashboard;

import io.setlist.sql.RowStream;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What the newest cache plan put in each tier: tracks, bytes, expected full plays (one small GROUP BY). */
public final class CacheTierFill {
    private final DataSource ds;

    public CacheTierFill(DataSource ds) {
        this.ds = ds;
    }

    public record Tier(LocalDate businessDate, String tier, long tracks, long bytes, double expectedFullPlays) {
    }

    /** Tiers of the newest business date with cache lists, by name; empty before the first completion run. */
    public List<Tier> latest() {
        List<Tier> out = new ArrayList<>();
        RowStream.forEach(ds, "dashboard/cache_tier_fill.sql", s -> { }, rs -> out.add(new Tier(
                rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5))));
        return out;
    }
}
