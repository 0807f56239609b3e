package io.setlist.spark.engine;

import io.setlist.recommender.ranking.RankedItems;
import io.setlist.recommender.ranking.Source;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One task's output: the ranked lists of a block of users in flat primitive arrays (8 bytes a recommended artist,
 * 9 bytes a user), what travels from an executor back to the driver.
 */
public final class RankedBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Source[] SOURCES = Source.values();

    private int users;
    private int[] userIds = new int[64];
    private byte[] sources = new byte[64];
    private int[] listEnd = new int[64];
    private int items;
    private int[] artistIds = new int[1024];
    private float[] scores = new float[1024];
    /** Postings the block's neighbour search read (its cost, for the benchmark). */
    long postingsScanned;

    void add(RankedItems list) {
        if (users == userIds.length) {
            int capacity = users * 2;
            userIds = Arrays.copyOf(userIds, capacity);
            sources = Arrays.copyOf(sources, capacity);
            listEnd = Arrays.copyOf(listEnd, capacity);
        }
        while (items + list.size() > artistIds.length) {
            artistIds = Arrays.copyOf(artistIds, artistIds.length * 2);
            scores = Arrays.copyOf(scores, scores.length * 2);
        }
        System.arraycopy(list.artistIds(), 0, artistIds, items, list.size());
        System.arraycopy(list.scores(), 0, scores, items, list.size());
        items += list.size();
        userIds[users] = list.userId();
        sources[users] = (byte) list.source().ordinal();
        listEnd[users] = items;
        users++;
    }

    /** Trims the arrays before the block is sent. */
    RankedBlock compact() {
        userIds = Arrays.copyOf(userIds, users);
        sources = Arrays.copyOf(sources, users);
        listEnd = Arrays.copyOf(listEnd, users);
        artistIds = Arrays.copyOf(artistIds, items);
        scores = Arrays.copyOf(scores, items);
        return this;
    }

    int users() {
        return users;
    }

    /** Hands the lists over in the order they were added. */
    void forEach(Consumer<RankedItems> sink) {
        int from = 0;
        for (int u = 0; u < users; u++) {
            sink.accept(new RankedItems(userIds[u], Arrays.copyOfRange(artistIds, from, listEnd[u]),
                    Arrays.copyOfRange(scores, from, listEnd[u]), SOURCES[sources[u]]));
            from = listEnd[u];
        }
    }
}
