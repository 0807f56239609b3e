package io.setlist.sql.load;

import io.setlist.sql.SqlResource;
import io.setlist.sql.copy.CopyTextStream;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds, while a file streams by, the key values that occur more than once, by a 64-bit hash of each row's key
 * (8 bytes a row instead of the keys themselves: 17.5M Last.fm pairs fit in a few hundred MB). A repeated hash is
 * only a candidate, since two keys can share a hash; the SQL check then groups just the candidates' rows instead of
 * the whole staging table.
 */
final class DuplicateCandidates {
    private final int[] keyColumns;
    private final LongOpenHashSet seen = new LongOpenHashSet(1 << 16);
    private final List<String[]> candidates = new ArrayList<>();

    DuplicateCandidates(int[] keyColumns) {
        if (keyColumns.length < 1 || keyColumns.length > 2) {
            throw new IllegalArgumentException("an in-file key has one or two columns");
        }
        this.keyColumns = keyColumns.clone();
    }

    /** Notes one valid row's staged values. */
    void add(String[] staged) {
        long h = 0xcbf29ce484222325L;
        for (int column : keyColumns) {
            String value = staged[column];
            for (int i = 0; i < value.length(); i++) {
                h = (h ^ value.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0x1F) * 0x100000001b3L; // a separator, so that ("ab", "c") and ("a", "bc") differ
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        if (!seen.add(h)) {
            String[] key = new String[2];
            for (int i = 0; i < keyColumns.length; i++) {
                key[i] = staged[keyColumns[i]];
            }
            candidates.add(key);
        }
    }

    int size() {
        return candidates.size();
    }

    /** Creates and fills the dup_candidates temporary table on {@code connection}. */
    void store(Connection connection) throws SQLException {
        seen.clear();
        seen.trim();
        try (Statement s = connection.createStatement()) {
            s.execute(SqlResource.load("load/create_dup_candidates.sql"));
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(SqlResource.load("load/copy_dup_candidates.sql"));
            CopyTextStream out = new CopyTextStream(copy);
            for (String[] key : candidates) {
                out.field(key[0]);
                out.field(key[1]);
                out.endRow();
            }
            out.finish();
            s.execute(SqlResource.load("load/analyze_dup_candidates.sql"));
        }
    }
}
