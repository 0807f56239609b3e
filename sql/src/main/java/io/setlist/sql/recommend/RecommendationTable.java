package io.setlist.sql.recommend;

import io.setlist.sql.RowStream;
import io.setlist.sql.copy.DatedReplace;

import javax.sql.DataSource;
import java.time.LocalDate;

/** The recommend stage's output in the warehouse, and the publish stage's input. */
public final class RecommendationTable {
    private final DataSource ds;

    public RecommendationTable(DataSource ds) {
        this.ds = ds;
    }

    /** Opens a replacement of {@code date}'s rows; add rows, then commit. */
    public Writer replace(LocalDate date) {
        return new Writer(DatedReplace.open(ds, "recommend/delete_date.sql", "recommend/copy_in.sql", date));
    }

    /** Streams one date's rows for the publisher, grouped by user, rank 1 first. */
    @FunctionalInterface
    public interface PublishRow {
        void row(String userKey, int rank, String artistKey, String artistName, double score, String source);
    }

    public long forPublish(LocalDate date, PublishRow sink) {
        return RowStream.forEach(ds, "recommend/for_publish.sql", s -> s.setObject(1, date),
                rs -> sink.row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                        rs.getString(6)));
    }

    public long usersOn(LocalDate date) {
        long[] n = new long[1];
        RowStream.forEach(ds, "recommend/count_users.sql", s -> s.setObject(1, date), rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** Rows (user, rank, artist, score, source) on a date. */
    public long rowsOn(LocalDate date) {
        long[] n = new long[1];
        RowStream.forEach(ds, "recommend/count_rows.sql", s -> s.setObject(1, date), rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /**
     * Rows (user, rank, artist, score, source) present on one date and not on the other, both ways: 0 when two runs
     * wrote exactly the same lists (scores compared as stored, bit for bit).
     */
    public long rowsDifferingBetween(LocalDate a, LocalDate b) {
        long[] n = new long[1];
        RowStream.forEach(ds, "recommend/rows_differing.sql", s -> {
            s.setObject(1, a);
            s.setObject(2, b);
            s.setObject(3, b);
            s.setObject(4, a);
        }, rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** One user key per recommendation source ({@code neighbours}, {@code segment}, {@code global}) on a date. */
    public java.util.Map<String, String> sampleUserPerSource(LocalDate date) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        RowStream.forEach(ds, "recommend/sample_users.sql", s -> s.setObject(1, date),
                rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /** A replacement in progress. */
    public static final class Writer implements AutoCloseable {
        private final DatedReplace replace;

        private Writer(DatedReplace replace) {
            this.replace = replace;
        }

        public void add(int userId, int rank, int artistId, float score, String source) {
            replace.row().field(userId).field(rank).field(artistId).field(score).field(source);
            replace.endRow();
        }

        public long commit() {
            return replace.commit();
        }

        @Override
        public void close() {
            replace.close();
        }
    }
}
