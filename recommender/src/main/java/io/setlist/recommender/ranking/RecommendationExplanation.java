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
        return explain(counts, UserRelations.NONE, profilesByUserIndex, s, userId, artistId, top);
    }

    /**
     * The score {@link NeighbourRanking} gives, neighbour by neighbour of every source (cosine neighbours, friends,
     * tag neighbours; a neighbour in two sources contributes twice), with {@code s.scoring()} applied; the
     * contribution's {@code similarity} is the neighbour's scaled similarity {@code λ · s(u, v)}.
     */
    public static Explanation explain(PlayCounts counts, UserRelations relations, UserProfile[] profilesByUserIndex,
                                      RecommenderSettings s, int userId, int artistId, int top) {
        int u = counts.userIds().indexOf(userId);
        int artist = counts.artistIds().indexOf(artistId);
        if (u < 0 || artist < 0) {
            return new Explanation(userId, artistId, 0f, 0, List.of());
        }
        float[] weights = RowWeights.apply(counts, s.weighting());
        NeighbourIndex index = NeighbourIndex.buildRange(counts, weights, profilesByUserIndex, s.profileWeight(),
                s.neighbours(), 1, u, u + 1, null, s.maxPostingsPerArtist());
        NeighbourRanking.Inputs in = new NeighbourRanking.Inputs(counts, weights, index, s.scoring(), relations, 1);
        NeighbourScoring scoring = s.scoring();
        List<Contribution> all = new ArrayList<>();
        int[] neighbours = new int[index.countOf(u)];
        float[] scaled = new float[neighbours.length];
        double total = 0;
        for (int r = 0; r < neighbours.length; r++) {
            neighbours[r] = index.neighbourAt(u, r);
            scaled[r] = scoring.similarity(index.similarityAt(u, r));
            total += scaled[r];
        }
        float scale = scoring.normaliseSimilarities() && total > 0 ? (float) (1.0 / total) : 1f;
        for (int r = 0; r < scaled.length; r++) {
            scaled[r] = scale == 1f ? scaled[r] : scaled[r] * scale;
        }
        float score = contribute(counts, in.contributions, neighbours, scaled, artist, 0f, all);
        for (SideNeighbours side : List.of(in.friends, in.tagNeighbours)) {
            float lambda = (float) (side == in.friends ? scoring.friendWeight() : scoring.tagWeight());
            int from = side.from(u);
            int to = side.to(u);
            if (lambda == 0f || from == to) {
                continue;
            }
            float sideScale = side.scale(u, scoring, lambda);
            int[] ids = new int[to - from];
            float[] sims = new float[ids.length];
            for (int i = from; i < to; i++) {
                ids[i - from] = side.neighbourAt(i);
                sims[i - from] = scoring.similarity(side.weightAt(i)) * sideScale;
            }
            score = contribute(counts, in.contributions, ids, sims, artist, score, all);
        }
        if (in.popularity != null) {
            score *= in.popularity[artist];
        }
        all.sort(Comparator.comparingDouble(Contribution::contribution).reversed()
                .thenComparingInt(Contribution::neighbourUserId));
        return new Explanation(userId, artistId, score, index.countOf(u),
                List.copyOf(all.subList(0, Math.min(top, all.size()))));
    }

    /** Adds each listed neighbour's {@code s · c(v, a)} for the artist, in the ranking's order of summation. */
    private static float contribute(PlayCounts counts, float[] c, int[] neighbours, float[] similarities, int artist,
                                    float score, List<Contribution> all) {
        int[] rowStart = counts.rowStart();
        int[] columns = counts.columns();
        for (int r = 0; r < neighbours.length; r++) {
            int v = neighbours[r];
            for (int i = rowStart[v]; i < rowStart[v + 1]; i++) {
                if (columns[i] == artist) {
                    float part = similarities[r] * c[i];
                    score += part;
                    all.add(new Contribution(counts.userIds().idAt(v), similarities[r], c[i], counts.plays()[i],
                            part));
                    break;
                }
            }
        }
        return score;
    }
}
