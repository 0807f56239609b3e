package io.setlist.recommender.testing;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.UserProfile;
import java.util.Random;

/** Seeded random fixtures shared by tests: sparse play counts with a popularity skew, and profiles. */
public final class RandomPlays {

    private RandomPlays() {
    }

    /**
     * Users get 1..maxArtists artists drawn with a skew toward low artist numbers (popular artists),
     * external ids are scattered (id = 7·n + 1000) so index ≠ id. Every 25th user copies the previous
     * user's artists, which produces exact similarity ties.
     */
    public static PlayCounts counts(long seed, int users, int artists, int maxArtists) {
        Random random = new Random(seed);
        PlayCounts.Builder builder = PlayCounts.builder();
        int[] previousArtists = new int[0];
        for (int u = 0; u < users; u++) {
            int userId = 7 * u + 1000;
            int[] chosen;
            if (u % 25 == 24) {
                chosen = previousArtists;
            } else {
                chosen = new int[1 + random.nextInt(maxArtists)];
                for (int j = 0; j < chosen.length; j++) {
                    double x = random.nextDouble();
                    chosen[j] = (int) (x * x * artists);
                }
            }
            for (int artist : chosen) {
                builder.add(userId, 3 * artist + 5, 1 + random.nextInt(40));
            }
            previousArtists = chosen;
        }
        return builder.build();
    }

    public static UserProfile[] profiles(long seed, int users) {
        Random random = new Random(seed);
        String[] countries = {"UK", "US", "Germany", "Japan", null};
        char[] genders = {'m', 'f', 'n', '?'};
        UserProfile[] profiles = new UserProfile[users];
        for (int u = 0; u < users; u++) {
            profiles[u] = new UserProfile(genders[random.nextInt(genders.length)],
                    random.nextInt(10) == 0 ? -1 : 14 + random.nextInt(50),
                    countries[random.nextInt(countries.length)]);
        }
        return profiles;
    }
}
