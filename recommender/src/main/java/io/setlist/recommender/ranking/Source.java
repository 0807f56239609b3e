package io.setlist.recommender.ranking;

/** Which strategy produced a user's recommendations; stored alongside them for analysis. */
public enum Source {
    NEIGHBOURS("neighbours"),
    SEGMENT("segment"),
    GLOBAL("global");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    /** Stable lower-case label for storage; do not rely on {@link #name()} for that. */
    public String label() {
        return label;
    }
}
