package io.setlist.spark.engine;

import io.setlist.sql.plays.PlaysReader;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The plays of one user-id range, read by one Spark task: three primitive arrays, 12 bytes a play, no per-row
 * object (what travels from the executors to the driver in the read phase).
 */
public final class PlayBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final int[] users;
    final int[] artists;
    final int[] plays;
    final int size;

    private PlayBlock(int[] users, int[] artists, int[] plays, int size) {
        this.users = users;
        this.artists = artists;
        this.plays = plays;
        this.size = size;
    }

    /** Reads the plays of {@code fromUserId <= user_id < toUserId} over one connection of its own. */
    static PlayBlock read(WarehouseAddress warehouse, int fromUserId, int toUserId) {
        int[][] columns = {new int[1024], new int[1024], new int[1024]};
        int[] n = new int[1];
        new PlaysReader(warehouse.dataSource()).forEachPlayOfUsers(fromUserId, toUserId, (user, artist, count) -> {
            if (n[0] == columns[0].length) {
                int capacity = Math.addExact(n[0], n[0] >> 1);
                for (int c = 0; c < 3; c++) {
                    columns[c] = Arrays.copyOf(columns[c], capacity);
                }
            }
            columns[0][n[0]] = user;
            columns[1][n[0]] = artist;
            columns[2][n[0]] = count;
            n[0]++;
        });
        return new PlayBlock(Arrays.copyOf(columns[0], n[0]), Arrays.copyOf(columns[1], n[0]),
                Arrays.copyOf(columns[2], n[0]), n[0]);
    }

    /** The block as a matrix of its own (what the {@code blocks} mode keeps and ships): O(plays · log). */
    io.setlist.recommender.interactions.PlayCounts toCounts() {
        io.setlist.recommender.interactions.PlayCounts.Builder b = io.setlist.recommender.interactions.PlayCounts.builder();
        for (int i = 0; i < size; i++) {
            b.add(users[i], artists[i], plays[i]);
        }
        return b.build();
    }

    int size() {
        return size;
    }
}
