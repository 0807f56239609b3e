package io.setlist.lab.evaluation;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.ranking.RankedItems;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.recommender.ranking.SegmentPopularity;
import io.setlist.recommender.ranking.UserKnnRecommender;
import java.util.Arrays;
import java.util.Locale;

/** Setlist's own recommenders as {@link TopNModel}s: user KNN (with its fallbacks) and the popularity baselines. */
public final class SetlistModels {

    private SetlistModels() {
    }

    /** User KNN exactly as the daily job runs it, with {@code settings}' weighting, k and profile weight. */
    public static TopNModel knn(RecommenderSettings settings) {
        return knn(settings, UserRelationRows.NONE);
    }

    /**
     * User KNN exactly as the daily job runs it, with the friendships and the tag assignments of {@code relations}
     * the training rows allow ({@link UserRelationRows#forTraining}) as extra neighbour sources.
     */
    public static TopNModel knn(RecommenderSettings settings, UserRelationRows relations) {
        return new TopNModel() {
            @Override
            public String name() {
                return "setlist-knn-" + settings.weighting().name().toLowerCase(Locale.ROOT)
                        + (settings.maxPostingsPerArtist() > 0 ? "-cap" + settings.maxPostingsPerArtist() : "")
                        + (settings.scoring().equals(io.setlist.recommender.ranking.NeighbourScoring.PLAIN)
                        ? "" : "-tuned");
            }

            @Override
            public int[][] recommend(PlayCounts train, Interactions data, int[] testUsers, int k) {
                // Every training user is passed too (lists dropped), so that their profiles feed the profile
                // blend and the segment rankings as in the daily job, not just the test users' profiles.
                it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap position = new it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap();
                position.defaultReturnValue(-1);
                it.unimi.dsi.fastutil.ints.IntArrayList all = new it.unimi.dsi.fastutil.ints.IntArrayList();
                for (int i = 0; i < testUsers.length; i++) {
                    position.put(testUsers[i], i);
                    all.add(testUsers[i]);
                }
                for (int u = 0; u < train.users(); u++) {
                    if (position.get(train.userIds().idAt(u)) < 0) {
                        all.add(train.userIds().idAt(u));
                    }
                }
                int[] allUsers = all.toIntArray();
                UserProfile[] profiles = new UserProfile[allUsers.length];
                for (int i = 0; i < allUsers.length; i++) {
                    profiles[i] = data.profileOf(allUsers[i]);
                }
                int[][] lists = new int[testUsers.length][];
                UserKnnRecommender.recommendAll(train, relations.forTraining(train, data), allUsers, profiles,
                        settings.withTopN(k), (RankedItems items) -> {
                            int at = position.get(items.userId());
                            if (at >= 0) {
                                lists[at] = items.artistIds();
                            }
                        }, io.setlist.recommender.ranking.RecommendProgress.NONE);
                return lists;
            }
        };
    }

    public static TopNModel knn(Weighting weighting) {
        return knn(RecommenderSettings.defaults().withWeighting(weighting));
    }

    /** Most-listened artists overall, minus the user's own. */
    public static TopNModel globalPopularity() {
        return popularity("global-popularity", false);
    }

    /** Most-listened artists of the user's segment (country, then age band and gender, then global). */
    public static TopNModel segmentPopularity() {
        return popularity("segment-popularity", true);
    }

    private static TopNModel popularity(String name, boolean bySegment) {
        return new TopNModel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int[][] recommend(PlayCounts train, Interactions data, int[] testUsers, int k) {
                UserProfile[] byIndex = null;
                if (bySegment) {
                    byIndex = new UserProfile[train.users()];
                    for (int u = 0; u < train.users(); u++) {
                        byIndex[u] = data.profileOf(train.userIds().idAt(u));
                    }
                }
                SegmentPopularity popularity = SegmentPopularity.build(train, byIndex, k);
                int[][] lists = new int[testUsers.length][];
                for (int i = 0; i < testUsers.length; i++) {
                    UserProfile profile = bySegment ? data.profileOf(testUsers[i]) : UserProfile.unknown();
                    lists[i] = popularity.forUser(testUsers[i], profile, k, owned(train, testUsers[i])).artistIds();
                }
                return lists;
            }
        };
    }

    /** External artist ids of a user's training rows (empty for a user without any). */
    public static int[] owned(PlayCounts train, int userId) {
        int u = train.userIds().indexOf(userId);
        if (u < 0) {
            return new int[0];
        }
        int from = train.rowStart()[u];
        int[] ids = Arrays.copyOfRange(train.columns(), from, train.rowStart()[u + 1]);
        for (int j = 0; j < ids.length; j++) {
            ids[j] = train.artistIds().idAt(ids[j]);
        }
        return ids;
    }
}
