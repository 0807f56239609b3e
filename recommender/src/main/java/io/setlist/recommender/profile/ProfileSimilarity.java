package io.setlist.recommender.profile;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Locale;

/**
 * Similarity of two user profiles: the fraction of attributes (gender, age band, country) that are
 * known in <em>both</em> profiles and equal. Attributes unknown on either side are left out rather
 * than counted as mismatches, because "unknown" says nothing about the user; when no attribute is
 * known in both the similarity is 0 (no evidence, no bonus).
 *
 * <p>Countries compare case-insensitively.
 *
 * <p>For the neighbour search, which evaluates this for millions of pairs, {@link #encode} turns the
 * profiles into small integer codes once so that a pair costs three int comparisons.
 */
public final class ProfileSimilarity {

    public double similarity(UserProfile a, UserProfile b) {
        int known = 0;
        int equal = 0;
        if (a.hasGender() && b.hasGender()) {
            known++;
            if (a.gender() == b.gender()) {
                equal++;
            }
        }
        String bandA = a.ageBand();
        String bandB = b.ageBand();
        if (bandA != null && bandB != null) {
            known++;
            if (bandA.equals(bandB)) {
                equal++;
            }
        }
        if (a.country() != null && b.country() != null) {
            known++;
            if (a.country().equalsIgnoreCase(b.country())) {
                equal++;
            }
        }
        return known == 0 ? 0.0 : (double) equal / known;
    }

    /**
     * Encodes profiles (null elements = unknown) as attribute codes; code 0 means unknown.
     */
    public static Codes encode(UserProfile[] profiles) {
        int n = profiles.length;
        byte[] gender = new byte[n];
        byte[] band = new byte[n];
        int[] country = new int[n];
        Object2IntOpenHashMap<String> countryCodes = new Object2IntOpenHashMap<>();
        for (int i = 0; i < n; i++) {
            UserProfile p = profiles[i] == null ? UserProfile.unknown() : profiles[i];
            gender[i] = (byte) (p.hasGender() ? p.gender() : 0);
            band[i] = (byte) (p.ageBandOrdinal() + 1);
            if (p.country() != null) {
                String key = p.country().toLowerCase(Locale.ROOT);
                int code = countryCodes.getInt(key);
                if (code == 0) {
                    code = countryCodes.size() + 1;
                    countryCodes.put(key, code);
                }
                country[i] = code;
            }
        }
        return new Codes(gender, band, country);
    }

    /** Profiles as parallel primitive arrays; 0 = unknown in every array. */
    public static final class Codes {
        private final byte[] gender;
        private final byte[] band;
        private final int[] country;

        private Codes(byte[] gender, byte[] band, int[] country) {
            this.gender = gender;
            this.band = band;
            this.country = country;
        }

        public int size() {
            return gender.length;
        }

        /** Same value as {@link ProfileSimilarity#similarity} of the two encoded profiles. */
        public double similarity(int i, int j) {
            int known = 0;
            int equal = 0;
            if (gender[i] != 0 && gender[j] != 0) {
                known++;
                equal += gender[i] == gender[j] ? 1 : 0;
            }
            if (band[i] != 0 && band[j] != 0) {
                known++;
                equal += band[i] == band[j] ? 1 : 0;
            }
            if (country[i] != 0 && country[j] != 0) {
                known++;
                equal += country[i] == country[j] ? 1 : 0;
            }
            return known == 0 ? 0.0 : (double) equal / known;
        }

        /**
         * Each profile as one int (gender 8 bits, age band 6, country 18) for {@link #similarityOfPacked}, so a hot
         * loop reads one array and decides without branches; null when a code does not fit (over 262,143 countries).
         */
        public int[] packed() {
            int[] packed = new int[gender.length];
            for (int i = 0; i < packed.length; i++) {
                if (band[i] < 0 || band[i] >= 1 << 6 || country[i] >= 1 << 18) {
                    return null;
                }
                packed[i] = (gender[i] & 0xff) << 24 | band[i] << 18 | country[i];
            }
            return packed;
        }

        /** Same value as {@link #similarity} of the two profiles packed by {@link #packed}. */
        public static double similarityOfPacked(int a, int b) {
            int ga = a >>> 24;
            int gb = b >>> 24;
            int ba = (a >>> 18) & 0x3f;
            int bb = (b >>> 18) & 0x3f;
            int ca = a & 0x3ffff;
            int cb = b & 0x3ffff;
            // non-short-circuit & and the ternaries compile to flag arithmetic, not branches
            int known = (ga != 0 & gb != 0 ? 1 : 0) + (ba != 0 & bb != 0 ? 1 : 0) + (ca != 0 & cb != 0 ? 1 : 0);
            int equal = (ga != 0 & ga == gb ? 1 : 0) + (ba != 0 & ba == bb ? 1 : 0) + (ca != 0 & ca == cb ? 1 : 0);
            return BY_KNOWN_AND_EQUAL[known << 2 | equal];
        }

        /** equal / known for known in 0..3 and equal in 0..known, computed as {@link #similarity} does. */
        private static final double[] BY_KNOWN_AND_EQUAL = new double[16];

        static {
            for (int known = 1; known <= 3; known++) {
                for (int equal = 0; equal <= known; equal++) {
                    BY_KNOWN_AND_EQUAL[known << 2 | equal] = (double) equal / known;
                }
            }
        }
    }
}
