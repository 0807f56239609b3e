package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.IdIndex;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.neighbours.NeighbourIndex;
import io.setlist.recommender.select.TopK;

/**
 * User-based kNN scoring: {@code score(a) = Σ_{v ∈ neighbours(u)} sim(u, v) · w(v, a)}, over artists the
 * user does not already have, top N.
 *
 * <p>Weighting by the neighbour's row weight (not just counting neighbours) lets an artist a close
 * neighbour plays a lot outrank one a neighbour played once. Owned artists are excluded because the
 * service recommends discoveries; re-plays are served elsewhere.
 *
 * <p>Holds per-instance scratch (dense {@code float[artists]} accumulator and marks, reset via a touched list), so
 * an instance is <b>not thread-safe</b>: use one per thread.
 */
public final class NeighbourRanking {

    private final PlayCounts counts;
    private final float[] weights;
    private final NeighbourIndex neighbours;

    private final float[] score;
    private final boolean[] owned;
    private final boolean[] seen;
    private final int[] touched;
    private TopK top = new TopK(0);

    public NeighbourRanking(PlayCounts counts, float[] weights, NeighbourIndex neighbours) {
        if (weights.length != counts.columns().length) {
            throw new IllegalArgumentException("weights must align with columns");
        }
        if (neighbours.users() != counts.users()) {
            throw new IllegalArgumentException("neighbour index was built for other play counts");
        }
        this.counts = counts;
        this.weights = weights;
        this.neighbours = neighbours;
        this.score = new float[counts.artists()];
        this.owned = new boolean[counts.artists()];
        this.seen = new boolean[counts.artists()];
        this.touched = new int[counts.artists()];
    }

    /**
     * @param userIndex a user index of the play counts
     * @param n         maximum number of artists
     * @return up to n artists with positive score, source {@link Source#NEIGHBOURS}
     */
    public RankedItems recommend(int userIndex, int n) {
        final int[] rowStart = counts.rowStart();
        final int[] columns = counts.columns();
        for (int i = rowStart[userIndex]; i < rowStart[userIndex + 1]; i++) {
            owned[columns[i]] = true;
        }
        int touchedCount = 0;
        for (int r = 0; r < neighbours.countOf(userIndex); r++) {
            int v = neighbours.neighbourAt(userIndex, r);
            float similarity = neighbours.similarityAt(userIndex, r);
            for (int i = rowStart[v]; i < rowStart[v + 1]; i++) {
                int artist = columns[i];
                if (owned[artist]) {
                    continue;
                }
                if (!seen[artist]) {
                    seen[artist] = true;
                    touched[touchedCount++] = artist;
                }
                score[artist] += similarity * weights[i];
            }
        }
        if (top.capacity() != n) {
            top = new TopK(n);
        }
        for (int t = 0; t < touchedCount; t++) {
            int artist = touched[t];
            if (score[artist] > 0f) {
                top.offer(artist, score[artist]);
            }
            score[artist] = 0f;
            seen[artist] = false;
        }
        for (int i = rowStart[userIndex]; i < rowStart[userIndex + 1]; i++) {
            owned[columns[i]] = false;
        }
        int[] artistIds = new int[top.size()];
        float[] scores = new float[top.size()];
        top.drainBestFirst(artistIds, scores, 0);
        IdIndex ids = counts.artistIds();
        for (int i = 0; i < artistIds.length; i++) {
            artistIds[i] = ids.idAt(artistIds[i]);
        }
        return new RankedItems(counts.userIds().idAt(userIndex), artistIds, scores, Source.NEIGHBOURS);
    }
}
