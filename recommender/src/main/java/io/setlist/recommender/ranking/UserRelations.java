package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.PlayCounts;

/**
 * What a data set knows about users besides their plays, as extra neighbour sources of {@link NeighbourRanking}:
 * declared friendships (HetRec's {@code user_friends.dat}) and tag use (how often each user applied each tag, from
 * HetRec's tag assignments). Ids are the play counts' external user ids; a user absent from the plays is ignored.
 *
 * @param friendUsers   one side of each friendship, aligned with {@code friendFriends}; a pair in one direction is
 *                      enough (friendship is symmetric)
 * @param friendFriends the other side
 * @param tagUse        users × tags assignment counts (the "artist" of a row is a tag id), possibly empty
 */
public record UserRelations(int[] friendUsers, int[] friendFriends, PlayCounts tagUse) {

    /** No friendships, no tags: the ranking uses the cosine neighbours only. */
    public static final UserRelations NONE = new UserRelations(new int[0], new int[0], PlayCounts.builder().build());

    public UserRelations {
        if (friendUsers.length != friendFriends.length) {
            throw new IllegalArgumentException("friendship sides must align: " + friendUsers.length + " != "
                    + friendFriends.length);
        }
    }

    public boolean isEmpty() {
        return friendUsers.length == 0 && tagUse.nonZeros() == 0;
    }
}
