package io.setlist.sql.load;

import io.setlist.sql.SqlResource;
import io.setlist.sql.copy.CopyTextStream;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The surrogate ids of one key table ({@code users} or {@code artists}), held in memory so that an import can map
 * every row's external key to its id while streaming, instead of joining millions of staged rows in SQL. Keys the
 * warehouse does not have yet get ids drawn from the table's identity sequence, a block at a time, and are written
 * by {@link #storeNew} in the order they were first seen. Memory: about 100 bytes per key (the key string and its
 * hash slot), so 1M users cost about 100 MB.
 */
final class KeyIds {
    /** Ids drawn from the sequence per round trip. */
    static final int BLOCK = 8192;

    enum Table {
        USERS("users", "user_id"), ARTISTS("artists", "artist_id");

        private final String name;
        private final String idColumn;

        Table(String name, String idColumn) {
            this.name = name;
            this.idColumn = idColumn;
        }
    }

    private final Table table;
    private final Object2IntOpenHashMap<String> ids;
    private final List<String> newKeys = new ArrayList<>();
    private final List<String> newNames = new ArrayList<>();
    private final IntArrayList newIds = new IntArrayList();
    private final IntArrayList block = new IntArrayList();
    private int blockNext;

    private KeyIds(Table table, Object2IntOpenHashMap<String> ids) {
        this.table = table;
        this.ids = ids;
        ids.defaultReturnValue(-1);
    }

    /** Reads every key of {@code table} with its id. */
    static KeyIds load(Connection connection, Table table) throws SQLException {
        Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SqlResource.load("load/keys/" + table.name + ".sql"))) {
            select.setFetchSize(50_000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return new KeyIds(table, ids);
    }

    /** The id of {@code key}, or -1 when neither the warehouse nor this import has it. */
    int idOf(String key) {
        return ids.getInt(key);
    }

    /** Whether {@link #create} needs {@link #reserve} first: the ids drawn so far are used up. */
    boolean needsIds() {
        return blockNext == block.size();
    }

    /** Draws the next block of ids; on a connection with no COPY in progress. */
    void reserve(Connection connection) throws SQLException {
        block.clear();
        blockNext = 0;
        try (PreparedStatement next = connection.prepareStatement(SqlResource.load("load/keys/next_ids.sql"))) {
            next.setString(1, table.name);
            next.setString(2, table.idColumn);
            next.setInt(3, BLOCK);
            try (ResultSet rs = next.executeQuery()) {
                while (rs.next()) {
                    block.add(Math.toIntExact(rs.getLong(1)));
                }
            }
        }
    }

    /**
     * Gives a key the warehouse does not have the next drawn id.
     *
     * @param name the artist's name (artists only; null for users)
     * @throws IllegalStateException when {@link #needsIds()} (a bug: the caller reserves first)
     */
    int create(String key, String name) {
        if (needsIds()) {
            throw new IllegalStateException("no " + table.idColumn + " reserved for " + key);
        }
        int id = block.getInt(blockNext++);
        ids.put(key, id);
        newKeys.add(key);
        newIds.add(id);
        if (table == Table.ARTISTS) {
            newNames.add(name);
        }
        return id;
    }

    int created() {
        return newKeys.size();
    }

    /** COPYs the keys created by this import into the table, with their drawn ids. */
    void storeNew(Connection connection) throws SQLException {
        if (newKeys.isEmpty()) {
            return;
        }
        CopyTextStream out = new CopyTextStream(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn(SqlResource.load("load/keys/copy_" + table.name + ".sql")));
        try {
            for (int i = 0; i < newKeys.size(); i++) {
                out.field(newIds.getInt(i));
                out.field(newKeys.get(i));
                if (table == Table.ARTISTS) {
                    out.field(newNames.get(i));
                }
                out.endRow();
            }
            out.finish();
        } finally {
            out.abandon();
        }
    }
}
