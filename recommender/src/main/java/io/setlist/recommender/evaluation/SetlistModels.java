package io.setlist.recommender.evaluation;

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
        return new TopNModel() {
            @Override
            public String name() {
                return "setlist-knn-" + settings.weighting().name().toLowerCase(Locale.ROOT);
            }

            @Override
            public int[][] recommend(PlayCounts train, Interactions data, int[] testUsers, int k) {
                UserProfile[] profiles = new UserProfile[testUsers.length];
                for (int i = 0; i < testUsers.length; i++) {
                    profiles[i] = data.profileOf(testUsers[i]);
                }
                int[][] lists = new int[testUsers.length][];
                int[] at = {0};
                UserKnnRecommender.recommendAll(train, testUsers, profiles, settings.withTopN(k),
                        (RankedItems items) -> lists[at[0]++] = items.artistIds());
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
