package io.setlist.recommender.interactions;

/**
 * How raw play counts become the values of a user's vector before cosine similarity.
 * See {@link RowWeights} for the exact formulas.
 */
public enum Weighting {
    /** plays / user's total plays: the seed's "normalised plays". Heavy artists dominate a row. */
    NORMALISED,
    /** log1p(plays): damps the few artists a user loops, so breadth of taste counts more. */
    LOG,
    /** BM25 saturation of plays × artist IDF: also down-weights artists that everybody plays. */
    BM25
}
