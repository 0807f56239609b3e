package io.setlist.sql.load;

import java.util.List;

/**
 * HetRec Last.fm 2K {@code user_friends.dat}: userID, friendID (each friendship is listed in both directions, a row
 * per direction). Both users must already be loaded (from user_artists.dat).
 */
final class HetrecFriendRows implements RowRules {
    @Override
    public List<String> header() {
        return List.of("userid", "friendid");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = Long.toString(FieldValues.requiredLong(f.get(0), "userID", 1, Integer.MAX_VALUE));
        staged[1] = Long.toString(FieldValues.requiredLong(f.get(1), "friendID", 1, Integer.MAX_VALUE));
    }
}
