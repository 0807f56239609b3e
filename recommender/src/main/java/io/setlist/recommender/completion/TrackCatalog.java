package io.setlist.recommender.completion;

import java.util.Arrays;

/**
 * What is known about each track before anyone plays it: artist, duration, size, and, where the source has them,
 * popularity, audio features, explicitness, release year and the artist's genres. Unknown numbers are NaN; the
 * feature builder turns them into a neutral constant, so a source without them simply contributes no signal.
 */
public final class TrackCatalog {
    /** Audio features in the order of {@link #audio(int, int)}. */
    public static final String[] AUDIO = {"danceability", "energy", "loudness", "speechiness", "acousticness",
        "instrumentalness", "liveness", "valence", "tempo"};

    private final int[] artist;
    private final int[] durationMs;
    private final long[] sizeBytes;
    private final double[] dailyCost;
    private final float[] popularity;
    private final float[] audio;
    private final byte[] explicit;
    private final short[] releaseYear;
    private final int[][] artistGenres;

    private TrackCatalog(Builder b) {
        int n = b.tracks;
        artist = Arrays.copyOf(b.artist, n);
        durationMs = Arrays.copyOf(b.durationMs, n);
        sizeBytes = Arrays.copyOf(b.sizeBytes, n);
        dailyCost = Arrays.copyOf(b.dailyCost, n);
        popularity = Arrays.copyOf(b.popularity, n);
        audio = Arrays.copyOf(b.audio, n * AUDIO.length);
        explicit = Arrays.copyOf(b.explicit, n);
        releaseYear = Arrays.copyOf(b.releaseYear, n);
        artistGenres = b.artistGenres;
    }

    public int tracks() {
        return artist.length;
    }

    public int artist(int track) {
        return artist[track];
    }

    public int durationMs(int track) {
        return durationMs[track];
    }

    public long sizeBytes(int track) {
        return sizeBytes[track];
    }

    /** What keeping the track in storage costs per day (pozytywka's {@code track_storage}), or NaN when unknown. */
    public double dailyCost(int track) {
        return dailyCost[track];
    }

    /** 0..100, or NaN when unknown. */
    public float popularity(int track) {
        return popularity[track];
    }

    /** Audio feature {@code feature} (index into {@link #AUDIO}), or NaN when unknown. */
    public float audio(int track, int feature) {
        return audio[track * AUDIO.length + feature];
    }

    /** 1 explicit, 0 not, -1 unknown. */
    public byte explicit(int track) {
        return explicit[track];
    }

    /** Release year, or 0 when unknown. */
    public short releaseYear(int track) {
        return releaseYear[track];
    }

    /** Genre ids of an artist (empty when unknown). */
    public int[] genres(int artistIndex) {
        return artistIndex < artistGenres.length && artistGenres[artistIndex] != null
                ? artistGenres[artistIndex] : new int[0];
    }

    /** Collects tracks in index order; the artists' genres are set once. */
    public static final class Builder {
        private int tracks;
        private int[] artist = new int[256];
        private int[] durationMs = new int[256];
        private long[] sizeBytes = new long[256];
        private double[] dailyCost = new double[256];
        private float[] popularity = new float[256];
        private float[] audio = new float[256 * AUDIO.length];
        private byte[] explicit = new byte[256];
        private short[] releaseYear = new short[256];
        private int[][] artistGenres = new int[0][];

        /** Adds the next track (index = number added before) with unknown popularity, audio and release. */
        public int add(int artistIndex, int trackDurationMs, long trackSizeBytes) {
            if (trackDurationMs <= 0 || trackSizeBytes <= 0) {
                throw new IllegalArgumentException("track " + tracks + ": duration and size must be > 0");
            }
            if (tracks == artist.length) {
                int c = tracks * 2;
                artist = Arrays.copyOf(artist, c);
                durationMs = Arrays.copyOf(durationMs, c);
                sizeBytes = Arrays.copyOf(sizeBytes, c);
                dailyCost = Arrays.copyOf(dailyCost, c);
                popularity = Arrays.copyOf(popularity, c);
                audio = Arrays.copyOf(audio, c * AUDIO.length);
                explicit = Arrays.copyOf(explicit, c);
                releaseYear = Arrays.copyOf(releaseYear, c);
            }
            int t = tracks++;
            artist[t] = artistIndex;
            durationMs[t] = trackDurationMs;
            sizeBytes[t] = trackSizeBytes;
            dailyCost[t] = Double.NaN;
            popularity[t] = Float.NaN;
            Arrays.fill(audio, t * AUDIO.length, (t + 1) * AUDIO.length, Float.NaN);
            explicit[t] = -1;
            return t;
        }

        /** Popularity, audio features (in {@link #AUDIO} order), explicit flag and release year of a track. */
        public Builder describe(int track, float trackPopularity, float[] audioFeatures, boolean isExplicit,
                                int year) {
            popularity[track] = trackPopularity;
            System.arraycopy(audioFeatures, 0, audio, track * AUDIO.length, AUDIO.length);
            explicit[track] = (byte) (isExplicit ? 1 : 0);
            releaseYear[track] = (short) year;
            return this;
        }

        /** The track's daily storage cost, finite and &ge; 0. */
        public Builder dailyCost(int track, double cost) {
            if (!(cost >= 0) || Double.isInfinite(cost)) {
                throw new IllegalArgumentException("track " + track + ": daily cost must be finite and >= 0, got "
                        + cost);
            }
            dailyCost[track] = cost;
            return this;
        }

        public Builder artistGenres(int[][] genresByArtist) {
            artistGenres = genresByArtist;
            return this;
        }

        public TrackCatalog build() {
            return new TrackCatalog(this);
        }
    }
}
