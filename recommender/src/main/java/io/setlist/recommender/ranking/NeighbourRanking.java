package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.IdIndex;
import io.setlist.recommender.interactions.MatrixTotals;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.neighbours.NeighbourIndex;
import io.setlist.recommender.select.TopK;

/**
 * User-based kNN scoring over artists the user does not already have, top N. With {@link NeighbourScoring#PLAIN}
 * it is {@code score(a) = Σ_{v ∈ neighbours(u)} sim(u, v) · w(v, a)}; other scorings reshape similarities and
 * weights, damp popular artists and add the friends and tag-similarity sources (formula in
 * {@link NeighbourScoring}).
 *
 * <p>Weighting by the neighbour's row weight (not just counting neighbours) lets an artist a close
 * neighbour plays a lot outrank one a neighbour played once. Owned artists are excluded because the
 * service recommends discoveries; re-plays are served elsewhere.
 *
 * <p>Holds per-instance scratch (dense {@code float[artists]} accumulator and marks, reset via a touched list), so
 * an instance is <b>not thread-safe</b>: use one per thread over one shared {@link Inputs}.
 */
public final class NeighbourRanking {

    /**
     * What the ranking reads besides the neighbours, computed once for a batch however many neighbour indexes it
     * ranks with (one for the whole batch, or one a block in a partitioned run): contributions {@code c(v, a)}
     * aligned with the play columns, popularity factors (null = none) and the side sources. Immutable.
     */
    public static final class Sources {
        final PlayCounts counts;
        final NeighbourScoring scoring;
        final int k;
        final float[] contributions;
        final float[] popularity;
        final SideNeighbours friends;
        final SideNeighbours tagNeighbours;

        /** O(non-zeros) plus, when the tag source is on, one neighbour search (k per user) over the tag matrix. */
        public Sources(PlayCounts counts, float[] weights, NeighbourScoring scoring, UserRelations relations, int k,
                       int threads) {
            this(counts, weights, scoring, MatrixTotals.of(counts).listenersOf(counts.artistIds()), k,
                    scoring.friendWeight() > 0
                            ? SideNeighbours.friends(counts, relations.friendUsers(), relations.friendFriends())
                            : SideNeighbours.EMPTY,
                    scoring.tagWeight() > 0
                            ? SideNeighbours.byTags(counts, relations.tagUse(), k, threads)
                            : SideNeighbours.EMPTY);
        }

        /**
         * Over a subset of the matrix's rows: {@code listeners} are the whole matrix's, by artist index of
         * {@code counts}, and the side sources are built by the caller (friends and tag neighbours of the users to
         * rank, with their rows in {@code counts}). O(non-zeros).
         */
        Sources(PlayCounts counts, float[] weights, NeighbourScoring scoring, int[] listeners, int k,
                SideNeighbours friends, SideNeighbours tagNeighbours) {
            if (weights.length != counts.columns().length) {
                throw new IllegalArgumentException("weights must align with columns");
            }
            this.counts = counts;
            this.scoring = scoring;
            this.k = k;
            this.contributions = scoring.contributions(counts.rowStart(), weights);
            this.popularity = scoring.popularityFactors(listeners);
            this.friends = friends;
            this.tagNeighbours = tagNeighbours;
        }
    }

    /** What every thread's ranking reads: the {@link Sources} and one neighbour index over the same users. */
    public static final class Inputs {
        final PlayCounts counts;
        final NeighbourIndex neighbours;
        final NeighbourScoring scoring;
        final float[] contributions;
        final float[] popularity;
        final SideNeighbours friends;
        final SideNeighbours tagNeighbours;

        /** Builds the sources for this one index: O(non-zeros) plus the tag search when the tag source is on. */
        public Inputs(PlayCounts counts, float[] weights, NeighbourIndex neighbours, NeighbourScoring scoring,
                      UserRelations relations, int threads) {
            this(new Sources(counts, weights, scoring, relations, neighbours.k(), threads), neighbours);
        }

        /** Ranks with {@code neighbours} over already built sources: O(1). */
        public Inputs(Sources sources, NeighbourIndex neighbours) {
            if (neighbours.users() != sources.counts.users()) {
                throw new IllegalArgumentException("neighbour index was built for other play counts");
            }
            if (neighbours.k() != sources.k) {
                throw new IllegalArgumentException("neighbour index has k " + neighbours.k() + ", the sources "
                        + sources.k);
            }
            this.counts = sources.counts;
            this.neighbours = neighbours;
            this.scoring = sources.scoring;
            this.contributions = sources.contributions;
            this.popularity = sources.popularity;
            this.friends = sources.friends;
            this.tagNeighbours = sources.tagNeighbours;
        }
    }

    private final Inputs in;
    private final float[] score;
    private final boolean[] owned;
    private final boolean[] seen;
    private final int[] touched;
    private int touchedCount;
    private TopK top = new TopK(0);

    /** The plain weighted sum over the cosine neighbours. */
    public NeighbourRanking(PlayCounts counts, float[] weights, NeighbourIndex neighbours) {
        this(new Inputs(counts, weights, neighbours, NeighbourScoring.PLAIN, UserRelations.NONE, 1));
    }

    public NeighbourRanking(Inputs inputs) {
        this.in = inputs;
        int artists = inputs.counts.artists();
        this.score = new float[artists];
        this.owned = new boolean[artists];
        this.seen = new boolean[artists];
        this.touched = new int[artists];
    }

    /**
     * @param userIndex a user index of the play counts
     * @param n         maximum number of artists
     * @return up to n artists with positive score, source {@link Source#NEIGHBOURS}
     */
    public RankedItems recommend(int userIndex, int n) {
        final PlayCounts counts = in.counts;
        final int[] rowStart = counts.rowStart();
        final int[] columns = counts.columns();
        final NeighbourScoring scoring = in.scoring;
        for (int i = rowStart[userIndex]; i < rowStart[userIndex + 1]; i++) {
            owned[columns[i]] = true;
        }
        touchedCount = 0;
        NeighbourIndex neighbours = in.neighbours;
        double total = 0;
        if (scoring.normaliseSimilarities()) {
            for (int r = 0; r < neighbours.countOf(userIndex); r++) {
                total += scoring.similarity(neighbours.similarityAt(userIndex, r));
            }
        }
        float scale = total > 0 ? (float) (1.0 / total) : 1f;
        for (int r = 0; r < neighbours.countOf(userIndex); r++) {
            float s = scoring.similarity(neighbours.similarityAt(userIndex, r));
            add(neighbours.neighbourAt(userIndex, r), scale == 1f ? s : s * scale);
        }
        addSide(in.friends, userIndex, (float) scoring.friendWeight());
        addSide(in.tagNeighbours, userIndex, (float) scoring.tagWeight());
        if (top.capacity() != n) {
            top = new TopK(n);
        }
        for (int t = 0; t < touchedCount; t++) {
            int artist = touched[t];
            float value = in.popularity == null ? score[artist] : score[artist] * in.popularity[artist];
            if (value > 0f) {
                top.offer(artist, value);
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

    /** One side source's neighbours of {@code userIndex}, their weights scaled by λ (and normalised when asked). */
    private void addSide(SideNeighbours side, int userIndex, float lambda) {
        int from = side.from(userIndex);
        int to = side.to(userIndex);
        if (lambda == 0f || from == to) {
            return;
        }
        float scale = side.scale(userIndex, in.scoring, lambda);
        for (int i = from; i < to; i++) {
            add(side.neighbourAt(i), in.scoring.similarity(side.weightAt(i)) * scale);
        }
    }

    /** Adds {@code s · c(v, a)} for each artist a of neighbour v the user does not have. */
    private void add(int v, float s) {
        final int[] rowStart = in.counts.rowStart();
        final int[] columns = in.counts.columns();
        final float[] c = in.contributions;
        for (int i = rowStart[v]; i < rowStart[v + 1]; i++) {
            int artist = columns[i];
            if (owned[artist]) {
                continue;
            }
            if (!seen[artist]) {
                seen[artist] = true;
                touched[touchedCount++] = artist;
            }
            score[artist] += s * c[i];
        }
    }
}
