package io.setlist.recommender.profile;

/**
 * Demographic attributes of a user, each of which may be unknown.
 *
 * <p>Normalisation happens here, once, so that comparisons elsewhere are plain equality:
 * gender is lower-cased and anything other than {@code 'm'}, {@code 'f'}, {@code 'n'} becomes
 * {@code '?'} (unknown); a negative age becomes −1 (unknown); a blank country becomes {@code null}
 * (unknown) and other countries are trimmed.
 *
 * @param gender  'm', 'f', 'n' or '?' (unknown)
 * @param age     years, or −1 when unknown
 * @param country free-text country as given by the source, or {@code null} when unknown
 */
public record UserProfile(char gender, int age, String country) {

    public static final char UNKNOWN_GENDER = '?';
    public static final int UNKNOWN_AGE = -1;

    private static final UserProfile UNKNOWN = new UserProfile(UNKNOWN_GENDER, UNKNOWN_AGE, null);

    public UserProfile {
        char g = Character.toLowerCase(gender);
        gender = g == 'm' || g == 'f' || g == 'n' ? g : UNKNOWN_GENDER;
        age = age < 0 ? UNKNOWN_AGE : age;
        if (country != null) {
            country = country.strip();
            if (country.isEmpty()) {
                country = null;
            }
        }
    }

    public static UserProfile unknown() {
        return UNKNOWN;
    }

    public boolean hasGender() {
        return gender != UNKNOWN_GENDER;
    }

    /**
     * Age buckets rather than raw ages: two listeners aged 23 and 24 are the same audience, and
     * bands give segments enough members to be statistically useful.
     *
     * @return "&lt;18", "18-24", "25-34", "35-44", "45-54", "55+", or {@code null} if the age is unknown
     */
    public String ageBand() {
        int ordinal = ageBandOrdinal();
        return ordinal < 0 ? null : AGE_BANDS[ordinal];
    }

    /** Position of {@link #ageBand()} in {@link #ageBands()}, or −1 if the age is unknown. */
    public int ageBandOrdinal() {
        if (age < 0) {
            return -1;
        }
        for (int i = 0; i < AGE_BAND_UPPER_BOUNDS.length; i++) {
            if (age < AGE_BAND_UPPER_BOUNDS[i]) {
                return i;
            }
        }
        return AGE_BANDS.length - 1;
    }

    /** All age bands, youngest first. */
    public static String[] ageBands() {
        return AGE_BANDS.clone();
    }

    private static final String[] AGE_BANDS = {"<18", "18-24", "25-34", "35-44", "45-54", "55+"};
    /** Exclusive upper age of each band but the last. */
    private static final int[] AGE_BAND_UPPER_BOUNDS = {18, 25, 35, 45, 55};
}
