package io.setlist.sql.workload;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The artists and tracks of a synthetic workload, held in flat arrays (a million users mean about two million
 * tracks). Popularity follows a Zipf law over a shuffled rank, so artist ids do not give the ranking away; every
 * artist belongs to one genre, which is what listeners' taste is made of.
 */
final class Catalogue {
    static final int GENRES = 12;
    private static final long STREAM_ARTISTS = 1;
    private static final long STREAM_TRACKS = 2;
    private static final int MAX_TRACKS_PER_ARTIST = 12;
    private static final int[] BITRATES_KBPS = {160, 192, 256, 320};

    final int artists;
    final int[] artistGenre;
    final String[] artistIds;
    /** Tracks of artist {@code a} are {@code firstTrack[a] .. firstTrack[a + 1] - 1}, most popular first. */
    final int[] firstTrack;
    final String[] trackIds;
    final int[] trackDurationMs;
    final double[] trackSkipBias;
    final WeightedIndex allArtists;
    private final int[][] genreMembers;
    private final WeightedIndex[] genreArtists;
    /** Track-within-artist popularity, one sampler per track count. */
    private final WeightedIndex[] trackRanks;

    private Catalogue(int artists, int[] artistGenre, double[] popularity, int[] firstTrack,
                      int[] trackDurationMs, double[] trackSkipBias) {
        this.artists = artists;
        this.artistGenre = artistGenre;
        this.firstTrack = firstTrack;
        this.trackDurationMs = trackDurationMs;
        this.trackSkipBias = trackSkipBias;
        this.artistIds = new String[artists];
        for (int a = 0; a < artists; a++) {
            artistIds[a] = SyntheticWorkload.id('a', a + 1);
        }
        this.trackIds = new String[trackDurationMs.length];
        for (int t = 0; t < trackIds.length; t++) {
            trackIds[t] = SyntheticWorkload.id('t', t + 1);
        }
        this.allArtists = new WeightedIndex(popularity);
        this.genreMembers = new int[GENRES][];
        this.genreArtists = new WeightedIndex[GENRES];
        for (int g = 0; g < GENRES; g++) {
            int count = 0;
            for (int a = 0; a < artists; a++) {
                if (artistGenre[a] == g) {
                    count++;
                }
            }
            int[] members = new int[count];
            double[] weights = new double[count];
            int i = 0;
            for (int a = 0; a < artists; a++) {
                if (artistGenre[a] == g) {
                    members[i] = a;
                    weights[i++] = popularity[a];
                }
            }
            genreMembers[g] = members;
            genreArtists[g] = count == 0 ? null : new WeightedIndex(weights);
        }
        this.trackRanks = new WeightedIndex[MAX_TRACKS_PER_ARTIST + 1];
        for (int n = 1; n <= MAX_TRACKS_PER_ARTIST; n++) {
            trackRanks[n] = WeightedIndex.zipf(n, 1.1);
        }
    }

    /** Draws the catalogue and writes {@code artists.csv} and {@code tracks.csv}. */
    static Catalogue write(int artists, long seed, Path dir) {
        SplittableRandom rng = RandomDraws.stream(seed, STREAM_ARTISTS, 0);
        int[] genre = new int[artists];
        double[] popularity = new double[artists];
        int[] rank = shuffledRanks(artists, rng);
        int[] firstTrack = new int[artists + 1];
        for (int a = 0; a < artists; a++) {
            // A mild genre skew: the first genres are mainstream, the last ones niche.
            genre[a] = (int) (GENRES * Math.pow(rng.nextDouble(), 1.3));
            popularity[a] = 1.0 / (rank[a] + 1);
            firstTrack[a + 1] = firstTrack[a] + 3 + rng.nextInt(MAX_TRACKS_PER_ARTIST - 2);
        }
        int tracks = firstTrack[artists];
        int[] duration = new int[tracks];
        double[] skipBias = new double[tracks];
        try (CsvRowWriter artistCsv = CsvRowWriter.create(dir.resolve("artists.csv"), "artist_id", "name");
             CsvRowWriter trackCsv = CsvRowWriter.create(dir.resolve("tracks.csv"),
                     "track_id", "artist_id", "title", "duration_ms", "size_bytes", "storage_class")) {
            SplittableRandom trackRng = RandomDraws.stream(seed, STREAM_TRACKS, 0);
            for (int a = 0; a < artists; a++) {
                String artistId = SyntheticWorkload.id('a', a + 1);
                artistCsv.plain(artistId).text(ArtistNames.artist(rng)).endRow();
                for (int t = firstTrack[a]; t < firstTrack[a + 1]; t++) {
                    double seconds = Math.min(420, Math.max(90, RandomDraws.lognormal(trackRng, 210, 0.28)));
                    duration[t] = (int) Math.round(seconds * 1000) + trackRng.nextInt(1000);
                    duration[t] = Math.min(duration[t], 420_000);
                    // Long tracks get skipped more; the rest of the bias is the track's own.
                    skipBias[t] = 0.6 * RandomDraws.gaussian(trackRng) + (duration[t] - 210_000) / 300_000.0;
                    int kbps = BITRATES_KBPS[trackRng.nextInt(BITRATES_KBPS.length)];
                    long size = (long) duration[t] * kbps / 8 + 2_000 + trackRng.nextInt(38_000);
                    trackCsv.plain(SyntheticWorkload.id('t', t + 1)).plain(artistId)
                            .text(ArtistNames.title(trackRng)).number(duration[t]).number(size)
                            .plain(storageClass(trackRng)).endRow();
                }
            }
        }
        return new Catalogue(artists, genre, popularity, firstTrack, duration, skipBias);
    }

    int tracks() {
        return trackDurationMs.length;
    }

    /** An artist of genre {@code g} in proportion to popularity; any artist when the genre has none. */
    int artistOfGenre(int g, SplittableRandom rng) {
        WeightedIndex sampler = genreArtists[g];
        return sampler == null ? allArtists.draw(rng) : genreMembers[g][sampler.draw(rng)];
    }

    /** A track of artist {@code a}, the artist's first (their hit) most often. */
    int trackOf(int a, SplittableRandom rng) {
        int count = firstTrack[a + 1] - firstTrack[a];
        return firstTrack[a] + trackRanks[count].draw(rng);
    }

    private static String storageClass(SplittableRandom rng) {
        int x = rng.nextInt(100);
        return x < 8 ? "FAST" : x < 30 ? "MEDIUM" : "SLOW";
    }

    private static int[] shuffledRanks(int n, SplittableRandom rng) {
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = rank[i];
            rank[i] = rank[j];
            rank[j] = swap;
        }
        return rank;
    }
}
