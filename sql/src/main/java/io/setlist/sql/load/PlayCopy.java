package io.setlist.sql.load;

import io.setlist.sql.SqlResource;
import io.setlist.sql.copy.CopyTextStream;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import org.postgresql.PGConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a plays file (Setlist {@code plays.csv}, HetRec {@code user_artists.dat}, Last.fm 360K plays) without
 * staging its good rows: every check runs in memory while the file streams, and each good row is COPYed straight
 * into {@code plays} with its keys already mapped to ids. Why: COPY writes a table a page at a time, where
 * {@code INSERT ... SELECT} from staging writes (and WAL-logs) row by row; that insert, with the staging and the
 * key joins before it, was most of the time of a 17.5M-row Last.fm import (README, warehouse benchmarks).
 *
 * <p>A row is checked in the order the staging path checks other tables: the file's own rules
 * ({@link ValidatedRows}); an unknown user, then artist (created instead, when the format {@link FileSpec#creates}
 * them); a (user, artist) pair already in {@code plays} (the earlier load stands); a pair on an earlier line of the
 * file (the first line wins). Rejected rows go through the staging table into quarantine.
 *
 * <p>Memory: the ids of every user and artist key ({@link KeyIds}) and a 12-byte hash slot per pair, loaded before
 * or in the file: about 600 MB at the peak for the 17.5M-row Last.fm file into an empty warehouse.
 *
 * <p>A connection runs one COPY at a time: drawing a block of ids or writing a batch of rejected rows ends the
 * current COPY into {@code plays} and a new one starts after it, all in the import's transaction.
 */
final class PlayCopy {
    private static final int REJECTED_BATCH = 10_000;
    /** The value of a pair that was in {@code plays} before this file; lines of the file are 1 and up. */
    private static final int LOADED = 0;
    private static final int ABSENT = -1;
    private static final String PAIR_FIELD = "user_id,artist_id";

    private final Path file;
    private final FileSpec spec;
    private final String sourceFile;
    private final ImportProgress progress;
    private final List<String[]> rejected = new ArrayList<>();
    private Connection connection;
    private CopyTextStream plays;
    private long loaded;
    private long quarantined;

    /** Rows read, rows COPYed into plays; the rest are in the staging table, on their way to quarantine. */
    record Counts(long read, long loaded, long rejected) {
    }

    PlayCopy(Path file, FileSpec spec, String sourceFile, ImportProgress progress) {
        this.file = file;
        this.spec = spec;
        this.sourceFile = sourceFile;
        this.progress = progress;
    }

    Counts run(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            statement.execute(spec.target().createStaging());
        }
        progress.phase(sourceFile, "reading the warehouse's keys");
        KeyIds users = KeyIds.load(connection, KeyIds.Table.USERS);
        KeyIds artists = KeyIds.load(connection, KeyIds.Table.ARTISTS);
        Long2IntOpenHashMap pairs = loadedPairs();
        boolean createUsers = spec.creates().contains(LoadTarget.USERS);
        boolean createArtists = spec.creates().contains(LoadTarget.ARTISTS);
        long read;
        try (ValidatedRows rows = new ValidatedRows(file, spec, sourceFile, progress)) {
            while (rows.next()) {
                SourceRecord record = rows.record();
                RejectedField why = rows.rejection();
                if (why == null) {
                    String[] s = rows.staged();
                    int user = users.idOf(s[0]);
                    if (user < 0 && createUsers) {
                        user = create(users, s[0], null);
                    }
                    int artist = artists.idOf(s[1]);
                    if (artist < 0 && createArtists && user >= 0) {
                        artist = create(artists, s[1], s[3]);
                    }
                    why = user < 0 ? new RejectedField("user_id", "unknown user_id " + FieldValues.quote(s[0]))
                            : artist < 0 ? new RejectedField("artist_id", "unknown artist_id " + FieldValues.quote(s[1]))
                            : pair(pairs, user, artist, record.lineNo(), s);
                    if (why == null) {
                        CopyTextStream out = plays();
                        out.field(user);
                        out.field(artist);
                        out.field(s[2]);
                        out.endRow();
                    }
                }
                if (why != null) {
                    reject(record, why);
                }
            }
            read = rows.rows();
            endPlays();
            storeRejected();
        } finally {
            if (plays != null) {
                plays.abandon();
            }
        }
        progress.phase(sourceFile, "storing " + users.created() + " new users and " + artists.created()
                + " new artists");
        users.storeNew(connection);
        artists.storeNew(connection);
        return new Counts(read, loaded, quarantined);
    }

    /** Checks the pair against the loaded ones and the earlier lines, and remembers it; null when it is new. */
    private static RejectedField pair(Long2IntOpenHashMap pairs, int user, int artist, long lineNo, String[] s) {
        int first = pairs.putIfAbsent(key(user, artist), Math.toIntExact(lineNo));
        if (first == ABSENT) {
            return null;
        }
        return first == LOADED
                ? new RejectedField(PAIR_FIELD, "plays of user_id " + FieldValues.quote(s[0]) + " for artist_id "
                + FieldValues.quote(s[1]) + " already loaded")
                : new RejectedField(PAIR_FIELD, "duplicate user_id " + FieldValues.quote(s[0]) + ", artist_id "
                + FieldValues.quote(s[1]) + ", first at line " + first);
    }

    private static long key(int user, int artist) {
        return ((long) user << 32) | (artist & 0xFFFF_FFFFL);
    }

    private Long2IntOpenHashMap loadedPairs() throws SQLException {
        Long2IntOpenHashMap pairs = new Long2IntOpenHashMap();
        pairs.defaultReturnValue(ABSENT);
        try (PreparedStatement select = connection.prepareStatement(
                SqlResource.load("load/plays/existing_pairs.sql"))) {
            select.setFetchSize(100_000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    pairs.put(key(rs.getInt(1), rs.getInt(2)), LOADED);
                }
            }
        }
        return pairs;
    }

    private int create(KeyIds keys, String key, String name) throws SQLException {
        if (keys.needsIds()) {
            endPlays();
            keys.reserve(connection);
        }
        return keys.create(key, name);
    }

    private void reject(SourceRecord record, RejectedField why) throws SQLException {
        rejected.add(new String[] {Long.toString(record.lineNo()), record.rawLine(), why.field(), why.reason()});
        if (rejected.size() >= REJECTED_BATCH) {
            endPlays();
            storeRejected();
        }
    }

    /** The running COPY into plays, started when none is. */
    private CopyTextStream plays() throws SQLException {
        if (plays == null) {
            plays = new CopyTextStream(connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(SqlResource.load("load/plays/copy_in.sql")));
        }
        return plays;
    }

    private void endPlays() throws SQLException {
        if (plays != null) {
            loaded += plays.finish();
            plays = null;
        }
    }

    private void storeRejected() throws SQLException {
        if (rejected.isEmpty()) {
            return;
        }
        CopyTextStream out = new CopyTextStream(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn(SqlResource.load("load/copy_staging.sql")));
        try {
            for (String[] row : rejected) {
                for (String value : row) {
                    out.field(value);
                }
                out.endRow();
            }
            quarantined += out.finish();
        } finally {
            out.abandon();
        }
        rejected.clear();
    }
}
