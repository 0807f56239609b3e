package io.setlist.infra.publish;

/** One ranked artist of a user's published recommendations. */
public record RecommendedArtist(int rank, String artistKey, String name, double score) {
}
