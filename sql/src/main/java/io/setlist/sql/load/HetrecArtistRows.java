package io.setlist.sql.load;

import java.util.List;

/** HetRec Last.fm 2K {@code artists.dat}: id, name, url, pictureURL (tab-separated; the URLs are not kept). */
final class HetrecArtistRows implements RowRules {
    @Override
    public List<String> header() {
        return List.of("id", "name", "url", "pictureurl");
    }

    /** A copy whose header names only id and name (the URLs dropped) is read too. */
    @Override
    public int minFields() {
        return 2;
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = Long.toString(FieldValues.requiredLong(f.get(0), "id", 1, Integer.MAX_VALUE));
        staged[1] = FieldValues.requiredText(f.get(1), "name");
    }
}
