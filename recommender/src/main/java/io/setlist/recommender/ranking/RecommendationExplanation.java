package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.RowWeights;
import io.setlist.recommender.neighbours.NeighbourIndex;
import io.setlist.recommender.profile.UserProfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Why an artist was recommended to a user: the neighbours whose plays put it on the list. Under
 * {@link NeighbourRanking}, {@code score(u, a) = Σ_{v ∈ neighbours(u)} sim(u, v) · w(v, a)}; each term is one
 * neighbour's contribution, so the contributions add up to the recommended score exactly.
 *
 * <p>Cost: the row weights of the whole matrix (O(non-zeros)) and the neighbour search of the one user (the
 * postings of its artists), the same search the daily run makes for every user; nothing is stored between calls.
 */
public final class RecommendationExplanation {
    private RecommendationExplanation() {
    }

    /** One neighbour's part: its similarity to the user, its row weight on the artist and their product. */
    public record Contribution(int neighbourUserId, float similarity, float weight, float plays, float contribution) {
    }

    /**
     * @param score         the sum of all contributions (the artist's neighbour score for the user)
     * @param neighbours    how many neighbours the user has
     * @param contributions the largest contributions first, at most {@code top}; neighbours who never played the
     *                      artist are left out
     */
    public record Explanation(int userId, int artistId, float score, int neighbours, List<Contribution> contributions) {
    }

    /**
     * @param profilesByUserIndex profiles aligned with {@code counts}' user indexes (null elements = unknown)
     * @return empty contributions when the user or the artist has no plays
     */
    public static Explanation explain(PlayCounts counts, UserProfile[] profilesByUserIndex, RecommenderSettings s,
                                      int userId, int artistId, int top) {
        int u = counts.userIds().indexOf(userId);
        int artist = counts.artistIds().indexOf(artistId);
        if (u < 0 || artist < 0) {
            return new Explanation(userId, artistId, 0f, 0, List.of());
        }
        float[] weights = RowWeights.apply(counts, s.weighting());
        NeighbourIndex index = NeighbourIndex.buildRange(counts, weights, profilesByUserIndex, s.profileWeight(),
                s.neighbours(), 1, u, u + 1, null, s.maxPostingsPerArtist());
        int[] rowStart = counts.rowStart();
        int[] columns = counts.columns();
        List<Contribution> all = new ArrayList<>();
        float score = 0f;
        for (int r = 0; r < index.countOf(u); r++) {
            int v = index.neighbourAt(u, r);
            float similarity = index.similarityAt(u, r);
            for (int i = rowStart[v]; i < rowStart[v + 1]; i++) {
                if (columns[i] == artist) {
                    float part = similarity * weights[i];
                    score += part;
                    all.add(new Contribution(counts.userIds().idAt(v), similarity, weights[i], counts.plays()[i], part));
                    break;
                }
            }
        }
        all.sort(Comparator.comparingDouble(Contribution::contribution).reversed()
                .thenComparingInt(Contribution::neighbourUserId));
        return new Explanation(userId, artistId, score, index.countOf(u),
                List.copyOf(all.subList(0, Math.min(top, all.size()))));
    }
}
