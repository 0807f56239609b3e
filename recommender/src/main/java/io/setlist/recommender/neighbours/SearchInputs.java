package io.setlist.recommender.neighbours;

import io.setlist.recommender.profile.ProfileSimilarity;

/**
 * What both searches ({@link NeighbourBlock}, {@link PairwiseNeighbourBlock}) read, built once by
 * {@link NeighbourIndex} and shared, immutable, by every worker thread.
 *
 * <p>Similarity of a pair: {@code (float) (cosineWeight · cosine + profileWeight · profileSimilarity)}, or the
 * cosine alone when {@code profiles} is null. A pair is a candidate when its accumulated float cosine is not 0: every
 * product of two positive weights that stays a positive float makes it so, and a pair whose every product underflows
 * to 0 (weights below about 1e-19, which no weighting produces) counts as sharing no artist, in every path and in the
 * brute-force reference.
 *
 * @param rowStart       row offsets of the play counts (users + 1)
 * @param columns        artist of each play, ascending within a row
 * @param rowWeights     weight of each play, rows L2-normalised
 * @param postings       the artist → users transpose
 * @param profiles       profile codes by user index, or null for pure cosine
 * @param packedProfiles one int per user ({@link ProfileSimilarity.Codes#packed}), or null (no profiles, or codes too
 *                       large to pack: then {@code profiles} is used)
 * @param profileWeight  w in [0, 1]; 0 when {@code profiles} is null
 */
record SearchInputs(int[] rowStart, int[] columns, float[] rowWeights, InvertedIndex postings,
                    ProfileSimilarity.Codes profiles, int[] packedProfiles, double profileWeight) {

    static SearchInputs of(int[] rowStart, int[] columns, float[] rowWeights, InvertedIndex postings,
                           ProfileSimilarity.Codes profiles, double profileWeight) {
        double w = profiles == null ? 0.0 : profileWeight;
        return new SearchInputs(rowStart, columns, rowWeights, postings, profiles,
                profiles == null || w == 0.0 ? null : profiles.packed(), w);
    }

    int users() {
        return rowStart.length - 1;
    }

    /** 1 − profile weight. */
    double cosineWeight() {
        return 1.0 - profileWeight;
    }

    /** Similarity of users u and v whose cosine is {@code cosine}, rounded as every path and the reference round it. */
    float similarity(int u, int v, float cosine) {
        if (profileWeight == 0.0) {
            return cosine;
        }
        double profile = packedProfiles != null
                ? ProfileSimilarity.Codes.similarityOfPacked(packedProfiles[u], packedProfiles[v])
                : profiles.similarity(u, v);
        return (float) ((1.0 - profileWeight) * cosine + profileWeight * profile);
    }
}
