package io.setlist.scheduler.api;

import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.UserRecommendations;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link RunSnapshot} from a run's users as a scan delivers them ({@link #add} may be called from many
 * threads), then its tiers, then {@link #build()}.
 *
 * <p>Budget: the bytes held are counted as users arrive; {@link Refused} is thrown as soon as they exceed the
 * budget, or as soon as the bytes per user seen so far, times the run's user count, would (after the first
 * {@value #PROJECT_AFTER} users), so an oversized run is given up early instead of filling the heap. A run the
 * compact form cannot hold exactly (ranks that are not 1..n, over 256 distinct sources) is refused too.
 */
final class RunSnapshotBuilder {
    /** The bytes a snapshot user costs besides its key and items: four ints, a source byte, hash slots. */
    static final int USER_OVERHEAD = 4 + 4 + 1 + 8;
    private static final int PROJECT_AFTER = 2_000;

    /** The run cannot be held in memory within the budget, or not exactly: serve it read-through instead. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final CurrentRun run;
    private final long budgetBytes;
    private int users;
    private byte[] keyBytes;
    private int keyLength;
    private int[] keyStart;
    private int[] itemStart;
    private byte[] sourceOf;
    private int items;
    private int[] artists;
    private float[] scores;
    private double[] wideScores;
    private final Map<String, Integer> sourceIds = new HashMap<>();
    private final Map<Artist, Integer> artistIds = new HashMap<>();
    private long dictionaryBytes;
    private final Map<String, RunSnapshot.TierList> tiers = new LinkedHashMap<>();
    private long tierBytes;

    private record Artist(String key, String name) {
    }

    /** {@code itemsPerUser}: the expected list length, to size the arrays once (they grow if it is short). */
    RunSnapshotBuilder(CurrentRun run, long budgetBytes, int itemsPerUser) {
        this.run = run;
        this.budgetBytes = budgetBytes;
        int expectedUsers = (int) Math.min(Math.max(run.users(), 16), Integer.MAX_VALUE - 16);
        keyStart = new int[expectedUsers + 1];
        itemStart = new int[expectedUsers + 1];
        sourceOf = new byte[expectedUsers];
        keyBytes = new byte[(int) Math.min((long) expectedUsers * 12, Integer.MAX_VALUE - 16)];
        // Never more than the budget could hold: an over-budget run is refused before it fills the heap.
        long itemsWanted = Math.min((long) expectedUsers * Math.max(1, itemsPerUser), budgetBytes / 8);
        int expectedItems = (int) Math.max(16, Math.min(itemsWanted, Integer.MAX_VALUE - 16));
        artists = new int[expectedItems];
        scores = new float[expectedItems];
    }

    /** Users added so far (load progress). */
    synchronized int users() {
        return users;
    }

    synchronized void add(UserRecommendations user) {
        byte[] key = user.userKey().getBytes(StandardCharsets.UTF_8);
        List<RecommendedArtist> list = user.items();
        if (users + 1 >= keyStart.length) {
            int capacity = grow(keyStart.length);
            keyStart = Arrays.copyOf(keyStart, capacity);
            itemStart = Arrays.copyOf(itemStart, capacity);
            sourceOf = Arrays.copyOf(sourceOf, capacity);
        }
        while (keyLength + key.length > keyBytes.length) {
            keyBytes = Arrays.copyOf(keyBytes, grow(keyBytes.length));
        }
        while (items + list.size() > artists.length) {
            int capacity = grow(artists.length);
            artists = Arrays.copyOf(artists, capacity);
            if (scores != null) {
                scores = Arrays.copyOf(scores, capacity);
            } else {
                wideScores = Arrays.copyOf(wideScores, capacity);
            }
        }
        System.arraycopy(key, 0, keyBytes, keyLength, key.length);
        keyLength += key.length;
        sourceOf[users] = (byte) source(user.source());
        for (int i = 0; i < list.size(); i++) {
            RecommendedArtist a = list.get(i);
            if (a.rank() != i + 1) {
                throw new Refused("user '" + Limit.truncate(user.userKey()) + "' has rank " + a.rank()
                        + " at position " + (i + 1) + "; the in-memory form holds ranks 1..n only");
            }
            artists[items] = artist(a);
            score(items, a.score());
            items++;
        }
        users++;
        keyStart[users] = keyLength;
        itemStart[users] = items;
        checkBudget();
    }

    synchronized void tier(String name, List<CachePriority> entries) {
        int n = entries.size();
        String[] trackKeys = new String[n];
        double[] probability = new double[n];
        double[] priority = new double[n];
        for (int i = 0; i < n; i++) {
            CachePriority e = entries.get(i);
            if (e.rank() != i + 1) {
                throw new Refused("tier '" + name + "' has rank " + e.rank() + " at position " + (i + 1)
                        + "; the in-memory form holds ranks 1..n only");
            }
            trackKeys[i] = e.trackKey();
            probability[i] = e.probability();
            priority[i] = e.priority();
            tierBytes += 48 + e.trackKey().length() + 8 + 16;
        }
        tiers.put(name, new RunSnapshot.TierList(trackKeys, probability, priority));
        checkBudget();
    }

    /** The snapshot; arrays are trimmed to their use; {@code lookups} counts its user lookups. */
    synchronized RunSnapshot build(java.util.concurrent.atomic.LongAdder lookups) {
        int[] slots = new int[Integer.highestOneBit(Math.max(2, users) * 2 - 1) << 1];
        int mask = slots.length - 1;
        for (int u = 0; u < users; u++) {
            int slot = RunSnapshot.hash(keyBytes, keyStart[u], keyStart[u + 1]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = u + 1;
        }
        String[] sourceNames = new String[sourceIds.size()];
        sourceIds.forEach((name, id) -> sourceNames[id] = name);
        String[] keys = new String[artistIds.size()];
        String[] names = new String[artistIds.size()];
        artistIds.forEach((artist, id) -> {
            keys[id] = artist.key();
            names[id] = artist.name();
        });
        long bytes = bytes() + 4L * slots.length - 8L * users;
        return new RunSnapshot(run, Arrays.copyOf(keyBytes, keyLength), Arrays.copyOf(keyStart, users + 1), slots,
                Arrays.copyOf(itemStart, users + 1), Arrays.copyOf(artists, items),
                scores == null ? null : Arrays.copyOf(scores, items),
                wideScores == null ? null : Arrays.copyOf(wideScores, items),
                Arrays.copyOf(sourceOf, users), sourceNames, keys, names, tiers, bytes, lookups);
    }

    /** Bytes held once built: per-user arrays, keys, items, the artist dictionary and the tiers. */
    private long bytes() {
        return (long) users * USER_OVERHEAD + keyLength + (long) items * (4 + (scores != null ? 4 : 8))
                + dictionaryBytes + tierBytes;
    }

    private void checkBudget() {
        long bytes = bytes();
        if (bytes > budgetBytes) {
            throw new Refused(String.format("run %s needs more than the %d MiB snapshot budget (%d MiB after %d of"
                    + " %d users)", run.runId(), budgetBytes >> 20, bytes >> 20, users, run.users()));
        }
        if (users >= PROJECT_AFTER && users % 1024 == 0 && run.users() > users) {
            long perUser = (bytes - dictionaryBytes - tierBytes) / users;
            long projected = perUser * run.users() + dictionaryBytes + tierBytes;
            if (projected > budgetBytes) {
                throw new Refused(String.format("run %s would need about %d MiB (%d bytes a user × %d users), over"
                        + " the %d MiB snapshot budget", run.runId(), projected >> 20, perUser, run.users(),
                        budgetBytes >> 20));
            }
        }
    }

    private int source(String source) {
        Integer id = sourceIds.get(source);
        if (id == null) {
            if (sourceIds.size() == 256) {
                throw new Refused("run " + run.runId() + " has over 256 distinct sources");
            }
            id = sourceIds.size();
            sourceIds.put(source, id);
        }
        return id;
    }

    private int artist(RecommendedArtist a) {
        Artist key = new Artist(a.artistKey(), a.name());
        Integer id = artistIds.get(key);
        if (id == null) {
            id = artistIds.size();
            artistIds.put(key, id);
            // Two strings (header, array, one byte a Latin-1 character) and two array slots.
            dictionaryBytes += 2 * 40 + a.artistKey().length() + a.name().length() + 8;
        }
        return id;
    }

    /** Stores floats while every score is exactly a float; widens the whole column to doubles otherwise. */
    private void score(int at, double score) {
        if (scores != null) {
            float narrow = (float) score;
            if (narrow == score) {
                scores[at] = narrow;
                return;
            }
            wideScores = new double[scores.length];
            for (int i = 0; i < at; i++) {
                wideScores[i] = scores[i];
            }
            scores = null;
        }
        wideScores[at] = score;
    }

    private static int grow(int capacity) {
        long next = Math.max(16, capacity + (capacity >> 1));
        if (next > Integer.MAX_VALUE - 16) {
            throw new Refused("a snapshot array would exceed 2^31 entries");
        }
        return (int) next;
    }
}
