package io.setlist.sql.workload;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * One synthetic user: the profile written to {@code users.csv} plus the hidden traits that drive their listening
 * (preferred genres, skip bias, engagement). Taste depends on country and age band, so the profile carries signal
 * that a segment recommender can pick up.
 *
 * @param gender      m, f, n, or null when unknown
 * @param age         null when unknown
 * @param country     null when unknown
 * @param coldStart   a new user with no lifetime plays yet
 * @param activeDays  days after install the user keeps coming back; 0 = never returns after installing
 */
record Listener(String userId, String gender, Integer age, String country, LocalDate installDate, boolean premium,
                int[] genres, double skipBias, double engagement, boolean coldStart, int activeDays) {

    static final String[] COUNTRIES = {
        "US", "GB", "DE", "BR", "FR", "SE", "MX", "ES", "IT", "NL",
        "PL", "CA", "AU", "JP", "TR", "AR", "NO", "FI", "IN", "ID"
    };
    private static final WeightedIndex COUNTRY_SHARE = WeightedIndex.zipf(COUNTRIES.length, 0.9);
    private static final int DAYS_OF_EARLIER_INSTALLS = 730;

    static Listener draw(int number, SyntheticWorkload.Settings settings, SplittableRandom rng) {
        String gender = null;
        if (!RandomDraws.chance(rng, 0.08)) {
            int g = rng.nextInt(100);
            gender = g < 47 ? "m" : g < 94 ? "f" : "n";
        }
        Integer age = null;
        if (!RandomDraws.chance(rng, 0.05)) {
            // Median about 26, a long tail to 80: streaming audiences skew young.
            age = (int) Math.min(80, Math.round(13 + RandomDraws.lognormal(rng, 13, 0.55)));
        }
        int countryIndex = RandomDraws.chance(rng, 0.03) ? -1 : COUNTRY_SHARE.draw(rng);
        boolean earlier = RandomDraws.chance(rng, 0.40);
        LocalDate installDate = earlier
                ? settings.firstDay().minusDays(1 + rng.nextInt(DAYS_OF_EARLIER_INSTALLS))
                : settings.firstDay().plusDays(rng.nextInt(settings.days()));
        boolean premium = RandomDraws.chance(rng, age != null && age >= 25 ? 0.30 : 0.15);
        int[] genres = genres(countryIndex, age, rng);
        double skipBias = 0.8 * RandomDraws.gaussian(rng) - (premium ? 0.2 : 0.0);
        double engagement = 0.35 + 0.65 * rng.nextDouble() + (premium ? 0.1 : 0.0);
        // About 3% of all users: 5% of the 60% who install inside the window.
        boolean coldStart = !earlier && RandomDraws.chance(rng, 0.05);
        // Churn, so that install cohorts show real-looking retention: about a third of new users never come
        // back, the rest stay for an exponentially distributed while. Earlier installs are the retained base.
        int activeDays = earlier ? Integer.MAX_VALUE
                : RandomDraws.chance(rng, 0.35) ? 0 : (int) Math.ceil(-40 * Math.log(1 - rng.nextDouble()));
        return new Listener(SyntheticWorkload.id('u', number), gender, age,
                countryIndex < 0 ? null : COUNTRIES[countryIndex], installDate, premium, genres, skipBias,
                Math.min(1.0, engagement), coldStart, activeDays);
    }

    /** 1–3 distinct genres; the first is usually the one typical of the user's country and age band. */
    private static int[] genres(int countryIndex, Integer age, SplittableRandom rng) {
        int ageBand = age == null ? 2 : age < 18 ? 0 : age < 25 ? 1 : age < 35 ? 2 : age < 50 ? 3 : 4;
        int home = Math.floorMod(countryIndex * 5 + ageBand * 7 + 3, Catalogue.GENRES);
        int count = 1 + rng.nextInt(3);
        int[] genres = new int[count];
        genres[0] = RandomDraws.chance(rng, 0.65) ? home : rng.nextInt(Catalogue.GENRES);
        for (int i = 1; i < count; i++) {
            int g;
            do {
                g = rng.nextInt(Catalogue.GENRES);
            } while (contains(genres, i, g));
            genres[i] = g;
        }
        return genres;
    }

    static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
