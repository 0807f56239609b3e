package io.setlist.sql.predictions;

import io.setlist.sql.RowStream;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import javax.sql.DataSource;
import java.util.Collection;

/** External user and track keys (the API's ids) to the warehouse's surrogate ids. */
public final class CatalogKeys {
    private final DataSource ds;

    public CatalogKeys(DataSource ds) {
        this.ds = ds;
    }

    /** {@code user_key → user_id}; unknown keys are absent. */
    public Object2IntOpenHashMap<String> users(Collection<String> keys) {
        return lookup("predictions/user_ids.sql", keys);
    }

    /** {@code track_key → track_id}; unknown keys are absent. */
    public Object2IntOpenHashMap<String> tracks(Collection<String> keys) {
        return lookup("predictions/track_ids.sql", keys);
    }

    private Object2IntOpenHashMap<String> lookup(String sql, Collection<String> keys) {
        Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>(keys.size());
        RowStream.forEach(ds, sql, s -> s.setArray(1, s.getConnection().createArrayOf("text", keys.toArray())),
                rs -> ids.put(rs.getString(1), rs.getInt(2)));
        return ids;
    }
}
