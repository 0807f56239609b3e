package io.setlist.recommender.completion;

import java.util.SplittableRandom;

/** Seeded random listening logs for tests: sessions of PLAYs, some SKIPped, with likes, adverts and purchases. */
final class RandomListening {
    private RandomListening() {
    }

    static TrackCatalog catalog(int tracks, int artists, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        TrackCatalog.Builder b = new TrackCatalog.Builder();
        int[][] genres = new int[artists][];
        for (int a = 0; a < artists; a++) {
            genres[a] = new int[] {rng.nextInt(6), 6 + rng.nextInt(6)};
        }
        for (int t = 0; t < tracks; t++) {
            int track = b.add(t % artists, 60_000 + rng.nextInt(240_000), 1_000_000 + rng.nextInt(9_000_000));
            float[] audio = new float[TrackCatalog.AUDIO.length];
            for (int f = 0; f < audio.length; f++) {
                audio[f] = (float) rng.nextDouble();
            }
            b.describe(track, rng.nextInt(100), audio, rng.nextBoolean(), 1960 + rng.nextInt(60));
        }
        return b.artistGenres(genres).build();
    }

    static Listeners listeners(int users, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] premium = new boolean[users];
        int[][] favourites = new int[users][];
        for (int u = 0; u < users; u++) {
            premium[u] = rng.nextInt(4) == 0;
            favourites[u] = new int[] {rng.nextInt(12), rng.nextInt(12)};
        }
        return new Listeners(premium, favourites);
    }

    /** Users take turns opening sessions; events are written in time order, SKIPs sharing the next PLAY's time. */
    static ListeningLog log(int users, int tracks, int sessions, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ListeningLog log = new ListeningLog();
        long t = 1_700_000_000_000L;
        for (int s = 0; s < sessions; s++) {
            int u = rng.nextInt(users);
            int plays = 1 + rng.nextInt(12);
            t += rng.nextInt(3_600_000);
            if (rng.nextInt(30) == 0) {
                log.add(u, t, ListeningLog.BUY_PREMIUM, -1, s);
            }
            for (int p = 0; p < plays; p++) {
                int track = rng.nextInt(tracks);
                log.add(u, t, ListeningLog.PLAY, track, s);
                t += 1_000 + rng.nextInt(200_000);
                if (rng.nextInt(5) == 0) {
                    log.add(u, t, ListeningLog.LIKE, track, s);
                }
                if (rng.nextInt(3) == 0) {
                    log.add(u, t, ListeningLog.SKIP, track, s); // same timestamp as the next event
                }
                if (rng.nextInt(8) == 0) {
                    log.add(u, t, ListeningLog.ADVERTISEMENT, -1, s);
                }
            }
        }
        return log;
    }
}
