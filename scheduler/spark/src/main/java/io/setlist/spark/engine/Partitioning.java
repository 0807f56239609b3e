package io.setlist.spark.engine;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How {@link SparkRecommendStage} spreads the play matrix. {@code broadcast}: every executor gets all of it (12 bytes
 * a play; fastest while it fits). {@code blocks}: B user blocks, no executor holds more than two blocks' rows
 * ({@link PartitionedRecommend}). {@code auto}: broadcast while 12 bytes a play stay within
 * {@code broadcastLimitMb}, blocks above.
 *
 * @param mode             {@code auto}, {@code broadcast} or {@code blocks}
 * @param broadcastLimitMb the largest broadcast (MB of plays, 12 bytes each) {@code auto} still broadcasts
 * @param blocks           B in {@code blocks} mode; 0 = the larger of 2 × cores and 48 bytes a play over the limit
 *                         (what a pair task holds, README "Spark engine")
 * @param rankUnits        U, ranking tasks (user-id ranges) of {@code blocks} mode; 0 = B. A unit of s users reads
 *                         at most s · (1 + k + friends + k) users' rows: more units, less memory a task, more shuffle
 */
public record Partitioning(String mode, long broadcastLimitMb, int blocks, int rankUnits) {
    /** What {@link SparkRecommendStage}'s short constructor runs: the broadcast mode, as before blocks existed. */
    public static final Partitioning BROADCAST = new Partitioning("broadcast", 0, 0, 0);

    /** As many ranking units as search blocks. */
    public Partitioning(String mode, long broadcastLimitMb, int blocks) {
        this(mode, broadcastLimitMb, blocks, 0);
    }

    public Partitioning {
        if (!mode.equals("auto") && !mode.equals("broadcast") && !mode.equals("blocks")) {
            throw new IllegalArgumentException("--partitioning must be broadcast, blocks or auto, got '" + mode + "'");
        }
        if (broadcastLimitMb < 0 || blocks < 0 || rankUnits < 0) {
            throw new IllegalArgumentException("broadcast limit, blocks and ranking units must be >= 0, got "
                    + broadcastLimitMb + " MB, " + blocks + " blocks, " + rankUnits + " units");
        }
    }

    /** True when the run should use blocks; {@code auto} counts the plays (one scan of the table on the driver). */
    boolean useBlocks(DataSource warehouse) {
        return switch (mode) {
            case "blocks" -> true;
            case "broadcast" -> false;
            default -> 12 * countPlays(warehouse) > broadcastLimitMb * 1_000_000;
        };
    }

    /** B for a run: the given one, else max(2 × cores, ⌈48 P / limit⌉). */
    int blocksFor(DataSource warehouse, int cores) {
        if (blocks > 0) {
            return blocks;
        }
        long perTask = Math.max(1, broadcastLimitMb) * 1_000_000;
        return (int) Math.max(2L * cores, (48 * countPlays(warehouse) + perTask - 1) / perTask);
    }

    private static long countPlays(DataSource warehouse) {
        try (Connection c = warehouse.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM plays")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the plays to choose the partitioning: " + e.getMessage(), e);
        }
    }
}
