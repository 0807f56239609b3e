package io.setlist.sql.load;

import java.util.List;

/** {@code artists.csv}: artist_id, name. */
final class ArtistRows implements RowRules {
    @Override
    public List<String> header() {
        return List.of("artist_id", "name");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = FieldValues.requiredId(f.get(0), "artist_id");
        staged[1] = FieldValues.requiredText(f.get(1), "name");
    }
}
