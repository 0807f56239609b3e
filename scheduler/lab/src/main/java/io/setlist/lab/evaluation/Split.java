package io.setlist.lab.evaluation;

import java.util.SplittableRandom;

/**
 * Train/test splits over the rows of {@link Interactions}, deterministic by seed. A split marks test rows; every
 * other eligible row is training. Splitting only among {@code eligible} rows lets a validation split be carved out
 * of the training rows with the same code, so hyper-parameters are never chosen on the test rows.
 */
public enum Split {
    /** Each eligible row is a test row with probability {@link #TEST_FRACTION}. */
    RANDOM,
    /**
     * {@link #TEST_FRACTION} of the users (with at least {@link #MIN_ROWS_FOR_HOLDOUT} eligible rows) are test
     * users; half of each test user's rows are hidden as test rows and the other half stays in training as
     * what the service would know about them. All other users are training only.
     */
    USER_HOLDOUT;

    public static final double TEST_FRACTION = 0.2;
    public static final int MIN_ROWS_FOR_HOLDOUT = 2;

    public static Split parse(String text) {
        return switch (text) {
            case "random" -> RANDOM;
            case "user-holdout" -> USER_HOLDOUT;
            default -> throw new IllegalArgumentException("--split must be random or user-holdout, got '" + text + "'");
        };
    }

    /**
     * @param eligible rows that may be split (null = all); other rows are neither train nor test here
     * @return test mask over all rows (only eligible rows can be true)
     */
    public boolean[] testRows(Interactions data, boolean[] eligible, long seed) {
        int n = data.rows();
        boolean[] test = new boolean[n];
        SplittableRandom random = new SplittableRandom(seed);
        if (this == RANDOM) {
            for (int i = 0; i < n; i++) {
                test[i] = (eligible == null || eligible[i]) && random.nextDouble() < TEST_FRACTION;
            }
            return test;
        }
        // user-holdout: choose users first (by a per-user hash of the seed, so the choice is row-order free)
        int[] rowUser = data.rowUser();
        it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap eligibleRows = new it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap();
        for (int i = 0; i < n; i++) {
            if (eligible == null || eligible[i]) {
                eligibleRows.addTo(rowUser[i], 1);
            }
        }
        for (int i = 0; i < n; i++) {
            if ((eligible == null || eligible[i]) && eligibleRows.get(rowUser[i]) >= MIN_ROWS_FOR_HOLDOUT
                    && unit(seed, rowUser[i]) < TEST_FRACTION) {
                test[i] = random.nextBoolean();
            }
        }
        return test;
    }

    /** A deterministic pseudo-random number in [0, 1) per (seed, user). */
    private static double unit(long seed, int user) {
        long z = seed * 0x9E3779B97F4A7C15L + user;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
