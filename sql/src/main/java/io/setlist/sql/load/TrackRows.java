package io.setlist.sql.load;

import java.util.List;

/** {@code tracks.csv}: track_id, artist_id, title, duration_ms, size_bytes, storage_class. */
final class TrackRows implements RowRules {
    @Override
    public List<String> header() {
        return List.of("track_id", "artist_id", "title", "duration_ms", "size_bytes", "storage_class");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = FieldValues.requiredId(f.get(0), "track_id");
        staged[1] = FieldValues.requiredId(f.get(1), "artist_id");
        staged[2] = FieldValues.requiredText(f.get(2), "title");
        staged[3] = Long.toString(FieldValues.requiredLong(f.get(3), "duration_ms", 1, Integer.MAX_VALUE));
        staged[4] = Long.toString(FieldValues.requiredLong(f.get(4), "size_bytes", 1, Long.MAX_VALUE));
        staged[5] = FieldValues.requiredId(f.get(5), "storage_class");
        staged[6] = null; // daily_cost: not in tracks.csv
    }
}
