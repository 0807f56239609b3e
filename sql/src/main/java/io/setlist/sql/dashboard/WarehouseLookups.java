package io.setlist.sql.dashboard;

import io.setlist.sql.RowStream;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Small point look-ups the dashboard needs: key ↔ surrogate id, and the newest install day of the rollups. */
public final class WarehouseLookups {
    private final DataSource ds;

    public WarehouseLookups(DataSource ds) {
        this.ds = ds;
    }

    public record Artist(int id, String name) {
    }

    public Optional<Artist> artist(String artistKey) {
        Artist[] found = new Artist[1];
        RowStream.forEach(ds, "dashboard/artist_by_key.sql", s -> s.setString(1, artistKey),
                rs -> found[0] = new Artist(rs.getInt(1), rs.getString(2)));
        return Optional.ofNullable(found[0]);
    }

    /** Keys of the given user ids; ids without a user are absent from the map. */
    public Map<Integer, String> userKeys(int[] userIds) {
        Map<Integer, String> out = new HashMap<>();
        Integer[] boxed = java.util.Arrays.stream(userIds).boxed().toArray(Integer[]::new);
        RowStream.forEach(ds, "dashboard/user_keys.sql", s -> s.setArray(1, s.getConnection()
                .createArrayOf("integer", boxed)), rs -> out.put(rs.getInt(1), rs.getString(2)));
        return out;
    }

    /** The newest install day the retention rollups know, or empty before the first retention run. */
    public Optional<LocalDate> newestInstallDay() {
        LocalDate[] day = new LocalDate[1];
        RowStream.forEach(ds, "dashboard/newest_install_day.sql", s -> { },
                rs -> day[0] = rs.getObject(1, LocalDate.class));
        return Optional.ofNullable(day[0]);
    }
}
