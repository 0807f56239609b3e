package io.setlist.sql.load;

import java.util.List;

/** Pozytywka {@code artists.jsonl}: id (Spotify artist id; -1 in v1 when lost), name, genres (not kept). */
final class PozytywkaArtistRows implements RowRules {
    @Override
    public List<String> header() {
        return List.of("id", "name", "genres");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = PozytywkaKeys.key(f.get(0), "id");
        staged[1] = FieldValues.requiredText(f.get(1), "name");
    }
}
