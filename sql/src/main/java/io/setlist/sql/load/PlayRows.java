package io.setlist.sql.load;

import java.util.List;

/** {@code plays.csv}: user_id, artist_id, plays (lifetime count, at least 1). */
final class PlayRows implements RowRules {
    @Override
    public List<String> header() {
        return List.of("user_id", "artist_id", "plays");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = FieldValues.requiredId(f.get(0), "user_id");
        staged[1] = FieldValues.requiredId(f.get(1), "artist_id");
        staged[2] = Long.toString(FieldValues.requiredLong(f.get(2), "plays", 1, Integer.MAX_VALUE));
    }
}
