package io.setlist.scheduler.api;

import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.UserRecommendations;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.atomic.LongAdder;

/**
 * A whole published run in memory, in primitive arrays: the API answers every user from here without touching
 * DynamoDB. Immutable once built ({@link RunSnapshotBuilder}); safe to read from any number of threads.
 *
 * <p>Layout. User {@code u}'s key is the UTF-8 bytes {@code keyBytes[keyStart[u] .. keyStart[u+1])}; an
 * open-addressing table {@code slots} (power-of-two length, at most half full, {@code u + 1} per used slot) finds
 * {@code u} from a key in O(1). Its ranked artists are positions {@code itemStart[u] .. itemStart[u+1]} of
 * {@code artists} (indices into one shared dictionary of artist keys and names) and of the scores. Scores are
 * {@code float}s when every score of the run is exactly a float (the warehouse stores {@code real}), else
 * {@code double}s, so an answer is always exactly the stored one. Ranks are the positions (1..n), checked at load.
 *
 * <p>Cost: about 8 bytes per artist of a list plus ~20 bytes and the key per user: ~0.8 KB a user for 100 artists
 * ({@link #bytes()} counts it from the array lengths). A lookup hashes the key once and compares its bytes; an answer
 * builds only the page of items it returns.
 */
final class RunSnapshot implements ServedRun {
    private final CurrentRun run;
    private final byte[] keyBytes;
    private final int[] keyStart;
    private final int[] slots;
    private final int[] itemStart;
    private final int[] artists;
    private final float[] scores;
    private final double[] wideScores;
    private final byte[] sourceOf;
    private final String[] sources;
    private final String[] artistKeys;
    private final String[] artistNames;
    private final Map<String, TierList> tiers;
    private final long bytes;
    private final LongAdder lookups;

    /** One tier's list, rank = position + 1. */
    record TierList(String[] trackKeys, double[] probability, double[] priority) {
        int size() {
            return trackKeys.length;
        }
    }

    RunSnapshot(CurrentRun run, byte[] keyBytes, int[] keyStart, int[] slots, int[] itemStart, int[] artists,
                float[] scores, double[] wideScores, byte[] sourceOf, String[] sources, String[] artistKeys,
                String[] artistNames, Map<String, TierList> tiers, long bytes, LongAdder lookups) {
        this.run = run;
        this.keyBytes = keyBytes;
        this.keyStart = keyStart;
        this.slots = slots;
        this.itemStart = itemStart;
        this.artists = artists;
        this.scores = scores;
        this.wideScores = wideScores;
        this.sourceOf = sourceOf;
        this.sources = sources;
        this.artistKeys = artistKeys;
        this.artistNames = artistNames;
        this.tiers = Map.copyOf(tiers);
        this.bytes = bytes;
        this.lookups = lookups;
    }

    @Override
    public CurrentRun run() {
        return run;
    }

    @Override
    public String mode() {
        return "memory";
    }

    /** Users held. */
    int users() {
        return keyStart.length - 1;
    }

    /** Artists over all users' lists. */
    int items() {
        return artists.length;
    }

    /** Heap held by the arrays and the dictionary, from their lengths (an estimate of object headers included). */
    long bytes() {
        return bytes;
    }

    @Override
    public Optional<UserRecommendations> recommendations(String userKey) {
        lookups.increment();
        int user = find(userKey.getBytes(StandardCharsets.UTF_8));
        if (user < 0) {
            return Optional.empty();
        }
        return Optional.of(new UserRecommendations(userKey, sources[sourceOf[user] & 0xFF],
                new Items(itemStart[user], itemStart[user + 1] - itemStart[user])));
    }

    @Override
    public List<CachePriority> cacheEntries(String tier, int offset, int count) {
        TierList list = tiers.get(tier);
        if (list == null || offset >= list.size()) {
            return List.of();
        }
        int from = offset;
        int to = (int) Math.min(list.size(), (long) offset + count);
        return new AbstractList<>() {
            @Override
            public CachePriority get(int i) {
                Objects.checkIndex(i, to - from);
                int at = from + i;
                return new CachePriority(at + 1, list.trackKeys()[at], list.probability()[at], list.priority()[at]);
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }

    private int find(byte[] key) {
        int mask = slots.length - 1;
        for (int slot = hash(key, 0, key.length) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int user = entry - 1;
            if (equalsKey(user, key)) {
                return user;
            }
        }
    }

    private boolean equalsKey(int user, byte[] key) {
        int start = keyStart[user];
        int length = keyStart[user + 1] - start;
        return length == key.length
                && java.util.Arrays.equals(keyBytes, start, start + length, key, 0, key.length);
    }

    /** A spread hash of {@code bytes[from..to)}; the table's mask takes its low bits. */
    static int hash(byte[] bytes, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** A user's list as a view: only the items a page returns are ever built. */
    private final class Items extends AbstractList<RecommendedArtist> implements RandomAccess {
        private final int start;
        private final int size;

        Items(int start, int size) {
            this.start = start;
            this.size = size;
        }

        @Override
        public RecommendedArtist get(int i) {
            Objects.checkIndex(i, size);
            int at = start + i;
            int artist = artists[at];
            double score = scores != null ? scores[at] : wideScores[at];
            return new RecommendedArtist(i + 1, artistKeys[artist], artistNames[artist], score);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
