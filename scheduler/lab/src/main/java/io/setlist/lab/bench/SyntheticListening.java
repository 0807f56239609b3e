package io.setlist.lab.bench;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.UserProfile;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic in-memory play matrix shaped like Last.fm-360K, for benchmarks and evaluation samples.
 *
 * <p>Shape of the real data it imitates: 359,347 users, each with (almost always) their top 50 artists, ~17.5M
 * (user, artist, plays) rows, ~160K artists whose listener counts follow a power law (the most popular artist
 * is in about one user in five), per-user play counts that fall steeply from the favourite artist down.
 * Taste is clustered: every user belongs to one of {@link #TASTES} taste groups (correlated with country and
 * age), and draws part of their artists from that group's own popularity ranking, so that neighbours exist and
 * have something to recommend. The cost of an exact neighbour search is dominated by Σ listeners², which the
 * power-law head reproduces.
 *
 * <p>The same (users, seed) always gives the same data, independent of the JVM or thread count.
 */
public final class SyntheticListening {

    /** Users of the real Last.fm-360K data set. */
    public static final int LASTFM_360K_USERS = 359_347;
    /** Distinct artists per user in the real data set: the top 50 for almost everybody. */
    public static final int ARTISTS_PER_USER = 50;
    /** Number of taste groups. */
    public static final int TASTES = 400;

    private static final double ARTISTS_PER_USER_OF_DATASET = 160_000.0 / LASTFM_360K_USERS;
    /** Zipf exponent of global artist popularity; with the mix below the top artist reaches ~20% of users. */
    private static final double GLOBAL_EXPONENT = 0.72;
    private static final double TASTE_EXPONENT = 0.9;
    /** Share of a user's artists drawn from their taste group rather than the global chart. */
    private static final double TASTE_SHARE = 0.5;
    private static final String[] COUNTRIES = {
        "United States", "Germany", "United Kingdom", "Poland", "Russian Federation", "Brazil", "Sweden", "Spain",
        "Finland", "Netherlands", "Canada", "France", "Italy", "Australia", "Japan", "Turkey", "Mexico", "Norway",
        "Chile", "Czech Republic", "Belgium", "Ukraine", "Austria", "Argentina", "Portugal", "Switzerland",
        "Denmark", "Romania", "Hungary", "Greece", "Latvia", "Lithuania", "Estonia", "Ireland", "Croatia"};

    private final int users;
    private final int artists;
    private final int[] userOf;
    private final int[] artistOf;
    private final int[] playsOf;
    private final int[] userIds;
    private final UserProfile[] profiles;

    private SyntheticListening(int users, int artists, int[] userOf, int[] artistOf, int[] playsOf,
                               int[] userIds, UserProfile[] profiles) {
        this.users = users;
        this.artists = artists;
        this.userOf = userOf;
        this.artistOf = artistOf;
        this.playsOf = playsOf;
        this.userIds = userIds;
        this.profiles = profiles;
    }

    /** @param users number of users (≥ 1); artists scale with it as in the real data (~0.45 per user) */
    public static SyntheticListening generate(int users, long seed) {
        if (users < 1) {
            throw new IllegalArgumentException("users must be >= 1, got " + users);
        }
        int artists = Math.max(500, (int) Math.round(users * ARTISTS_PER_USER_OF_DATASET));
        SplittableRandom root = new SplittableRandom(seed);
        double[] globalCdf = zipfCdf(artists, GLOBAL_EXPONENT);
        int tasteSize = Math.max(100, artists / 20);
        double[] tasteCdf = zipfCdf(tasteSize, TASTE_EXPONENT);
        // Each taste group ranks its own subset of artists: a random permutation prefix, biased towards the
        // global middle so that groups are distinguishable rather than all led by the global hits.
        int[][] tasteArtists = new int[TASTES][];
        for (int t = 0; t < TASTES; t++) {
            SplittableRandom r = root.split();
            int[] list = new int[tasteSize];
            for (int i = 0; i < tasteSize; i++) {
                list[i] = (int) Math.min(artists - 1, Math.floor(Math.pow(r.nextDouble(), 2.0) * artists));
            }
            tasteArtists[t] = list;
        }

        int[] rowLength = new int[users];
        long total = 0;
        SplittableRandom lengths = root.split();
        for (int u = 0; u < users; u++) {
            // 95% have a full top 50; the rest fewer, as in the real data (mean ≈ 48.8)
            rowLength[u] = lengths.nextDouble() < 0.95 ? ARTISTS_PER_USER : 1 + lengths.nextInt(ARTISTS_PER_USER - 1);
            total += rowLength[u];
        }
        int[] userOf = new int[(int) total];
        int[] artistOf = new int[(int) total];
        int[] playsOf = new int[(int) total];
        int[] userIds = new int[users];
        UserProfile[] profiles = new UserProfile[users];
        boolean[] taken = new boolean[artists];
        int[] row = new int[ARTISTS_PER_USER];
        SplittableRandom draw = root.split();
        int at = 0;
        for (int u = 0; u < users; u++) {
            int userId = u + 1;
            userIds[u] = userId;
            int taste = draw.nextInt(TASTES);
            profiles[u] = profileFor(taste, draw);
            int[] own = tasteArtists[taste];
            int n = 0;
            int attempts = 0;
            while (n < rowLength[u] && attempts < 50 * ARTISTS_PER_USER) {
                attempts++;
                int artist = draw.nextDouble() < TASTE_SHARE
                        ? own[sample(tasteCdf, draw.nextDouble())]
                        : sample(globalCdf, draw.nextDouble());
                if (!taken[artist]) {
                    taken[artist] = true;
                    row[n++] = artist;
                }
            }
            // favourite first: plays fall as a power of the rank, with noise; Last.fm counts start at 1
            double top = 50 + 2000 * Math.pow(draw.nextDouble(), 2.0);
            for (int j = 0; j < n; j++) {
                taken[row[j]] = false;
                double plays = top * Math.pow(j + 1, -0.9) * Math.exp(0.3 * draw.nextGaussian());
                userOf[at] = userId;
                artistOf[at] = row[j] + 1;
                playsOf[at] = (int) Math.max(1, Math.round(plays));
                at++;
            }
        }
        if (at < total) {
            userOf = Arrays.copyOf(userOf, at);
            artistOf = Arrays.copyOf(artistOf, at);
            playsOf = Arrays.copyOf(playsOf, at);
        }
        return new SyntheticListening(users, artists, userOf, artistOf, playsOf, userIds, profiles);
    }

    private static UserProfile profileFor(int taste, SplittableRandom r) {
        double g = r.nextDouble();
        char gender = g < 0.71 ? 'm' : g < 0.95 ? 'f' : '?';
        int age = r.nextDouble() < 0.2 ? -1 : (int) Math.max(13, Math.min(80, 18 + (taste % 5) * 4 + 5 * r.nextGaussian()));
        // the taste group has a home country; a quarter of its members live elsewhere
        String country = r.nextDouble() < 0.75
                ? COUNTRIES[taste % COUNTRIES.length]
                : COUNTRIES[r.nextInt(COUNTRIES.length)];
        return new UserProfile(gender, age, country);
    }

    private static double[] zipfCdf(int n, double exponent) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.pow(i + 1, -exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static int sample(double[] cdf, double u) {
        int i = Arrays.binarySearch(cdf, u);
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }

    public int users() {
        return users;
    }

    /** Size of the artist id space (ids 1..artists); some may have no listener. */
    public int artists() {
        return artists;
    }

    public int rows() {
        return userOf.length;
    }

    /** Feeds every (user, artist, plays) row into a new builder and builds the CSR matrix. */
    public PlayCounts playCounts() {
        PlayCounts.Builder builder = PlayCounts.builder();
        forEachRow(builder::add);
        return builder.build();
    }

    public void forEachRow(RowSink sink) {
        for (int i = 0; i < userOf.length; i++) {
            sink.accept(userOf[i], artistOf[i], playsOf[i]);
        }
    }

    /** User ids 1..users (a copy). */
    public int[] userIds() {
        return userIds.clone();
    }

    /** Profiles aligned with {@link #userIds()} (a copy). */
    public UserProfile[] profiles() {
        return profiles.clone();
    }

    /** Receives one play-count row. */
    @FunctionalInterface
    public interface RowSink {
        void accept(int userId, int artistId, int plays);
    }
}
