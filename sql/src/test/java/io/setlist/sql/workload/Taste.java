package io.setlist.sql.workload;

import java.util.SplittableRandom;

/**
 * A user's lifetime play counts per artist, Last.fm style: 10–60 distinct artists, mostly from the user's genres
 * and otherwise from the global charts, with heavy-tailed counts that favour the first (favourite) picks.
 */
final class Taste {
    private static final double FROM_OWN_GENRES = 0.75;

    final int[] artists;
    final int[] plays;
    private final WeightedIndex byPlays;

    private Taste(int[] artists, int[] plays) {
        this.artists = artists;
        this.plays = plays;
        if (artists.length == 0) {
            byPlays = null;
        } else {
            double[] weights = new double[plays.length];
            for (int i = 0; i < plays.length; i++) {
                // Flattened: a 500-play favourite is not 500 times likelier to come up today than a 1-play artist.
                weights[i] = Math.pow(plays[i], 0.6);
            }
            byPlays = new WeightedIndex(weights);
        }
    }

    static Taste draw(Listener listener, Catalogue catalogue, SplittableRandom rng) {
        if (listener.coldStart()) {
            return new Taste(new int[0], new int[0]);
        }
        int wanted = Math.min(catalogue.artists, 10 + (int) (51 * Math.pow(rng.nextDouble(), 1.5)));
        int[] artists = new int[wanted];
        int[] plays = new int[wanted];
        double scale = 0.5 + listener.engagement();
        int found = 0;
        for (int attempt = 0; found < wanted && attempt < wanted * 50; attempt++) {
            int artist = pickArtist(listener, catalogue, rng);
            if (Listener.contains(artists, found, artist)) {
                continue;
            }
            artists[found] = artist;
            double median = 40 * scale / Math.sqrt(1 + found);
            plays[found] = (int) Math.max(1, Math.round(RandomDraws.lognormal(rng, median, 1.1)));
            found++;
        }
        return new Taste(java.util.Arrays.copyOf(artists, found), java.util.Arrays.copyOf(plays, found));
    }

    boolean isEmpty() {
        return artists.length == 0;
    }

    /** An artist the user plays, weighted by how much they play them. */
    int favourite(SplittableRandom rng) {
        return artists[byPlays.draw(rng)];
    }

    static int pickArtist(Listener listener, Catalogue catalogue, SplittableRandom rng) {
        if (RandomDraws.chance(rng, FROM_OWN_GENRES)) {
            int[] genres = listener.genres();
            return catalogue.artistOfGenre(genres[rng.nextInt(genres.length)], rng);
        }
        return catalogue.allArtists.draw(rng);
    }
}
