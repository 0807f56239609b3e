package io.setlist.sql.load;

import java.util.List;

/**
 * HetRec Last.fm 2K {@code user_artists.dat}: userID, artistID, weight (the listening count of the pair). Users are
 * known only from this file and are created from it; artists must come from artists.dat.
 */
final class HetrecPlayRows implements RowRules {
    @Override
    public List<String> header() {
        return List.of("userid", "artistid", "weight");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = Long.toString(FieldValues.requiredLong(f.get(0), "userID", 1, Integer.MAX_VALUE));
        staged[1] = Long.toString(FieldValues.requiredLong(f.get(1), "artistID", 1, Integer.MAX_VALUE));
        staged[2] = Long.toString(FieldValues.requiredLong(f.get(2), "weight", 1, Integer.MAX_VALUE));
        staged[3] = null;
    }
}
