package io.setlist.lab.evaluation;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.ranking.UserRelations;
import io.setlist.sql.load.FormatRows;
import io.setlist.sql.load.ImportFormat;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HetRec's friendships and tag assignments, with the {@link Interactions}' user and artist ids, read through the
 * importer's rules ({@link FormatRows}); a row naming a user or artist the plays do not have is rejected, as the
 * import rejects it.
 *
 * @param friendUser   one side of each friendship row
 * @param friendFriend the other side
 * @param tagUser      user of each tag assignment
 * @param tagArtist    artist of each tag assignment
 * @param tagTag       tag id of each tag assignment
 */
public record UserRelationRows(int[] friendUser, int[] friendFriend, int[] tagUser, int[] tagArtist, int[] tagTag,
                               List<Interactions.Rejected> rejected) {

    public static final UserRelationRows NONE = new UserRelationRows(new int[0], new int[0], new int[0], new int[0],
            new int[0], List.of());

    /** The file of tag assignments, under its original name or as rejoined (see the data set's SOURCE.md). */
    static final List<String> TAG_FILES = List.of("user_taggedartists.dat", "user_taggedartists.rejoined.dat");

    /** Reads {@code user_friends.dat} and the tag file when present in {@code dir}; NONE for other sources. */
    public static UserRelationRows read(Interactions data, Path dir) {
        if (!data.source().equals("hetrec-lastfm") || data.userKeys().isEmpty()) {
            return NONE;
        }
        Object2IntOpenHashMap<String> users = ids(data.userKeys());
        Object2IntOpenHashMap<String> artists = ids(data.artistKeys());
        List<Interactions.Rejected> rejected = new ArrayList<>();
        IntArrayList fu = new IntArrayList();
        IntArrayList ff = new IntArrayList();
        Path friends = dir.resolve("user_friends.dat");
        if (Files.isRegularFile(friends)) {
            forEachRow(friends, rejected, rows -> {
                int u = users.getInt(rows.value("user_key"));
                int f = users.getInt(rows.value("friend_key"));
                if (u < 0 || f < 0) {
                    return u < 0 ? "userID" : "friendID";
                }
                fu.add(u);
                ff.add(f);
                return null;
            });
        }
        IntArrayList tu = new IntArrayList();
        IntArrayList ta = new IntArrayList();
        IntArrayList tt = new IntArrayList();
        Path tags = TAG_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
        if (tags != null) {
            forEachRow(tags, rejected, rows -> {
                int u = users.getInt(rows.value("user_key"));
                int a = artists.getInt(rows.value("artist_key"));
                if (u < 0 || a < 0) {
                    return u < 0 ? "userID" : "artistID";
                }
                tu.add(u);
                ta.add(a);
                tt.add((int) rows.longValue("tag_id"));
                return null;
            });
        }
        return new UserRelationRows(fu.toIntArray(), ff.toIntArray(), tu.toIntArray(), ta.toIntArray(),
                tt.toIntArray(), List.copyOf(rejected));
    }

    /**
     * Each row of {@code file} the importer's rules accept goes to {@code row}, which returns null when it kept the
     * row, or the field naming a user or artist the plays do not have; every refused row is added to
     * {@code rejected} with file, line, field and reason.
     */
    private static void forEachRow(Path file, List<Interactions.Rejected> rejected,
                                   java.util.function.Function<FormatRows, String> row) {
        try (FormatRows rows = FormatRows.open(ImportFormat.HETREC_LASTFM, file)) {
            while (rows.next()) {
                String unknown = rows.rejected() ? null : row.apply(rows);
                if (rows.rejected()) {
                    rejected.add(new Interactions.Rejected(rows.fileName(), rows.line(), rows.rejectedField(),
                            rows.reason()));
                } else if (unknown != null) {
                    rejected.add(new Interactions.Rejected(rows.fileName(), rows.line(), unknown,
                            "unknown " + unknown + " '" + rows.value(unknown.equals("artistID") ? "artist_key"
                                    : unknown.equals("friendID") ? "friend_key" : "user_key") + "'"));
                }
            }
        }
    }

    /**
     * What the recommender may use when trained on {@code train}: every friendship, and the tag assignments except
     * those on a (user, artist) pair of {@code data} that is held out of {@code train}: such an assignment says
     * the user knows the artist, which is what the held-out row is there to test.
     */
    public UserRelations forTraining(PlayCounts train, Interactions data) {
        LongOpenHashSet heldOut = new LongOpenHashSet();
        for (int i = 0; i < data.rows(); i++) {
            heldOut.add(pair(data.rowUser()[i], data.rowArtist()[i]));
        }
        for (int u = 0; u < train.users(); u++) {
            int user = train.userIds().idAt(u);
            for (int j = train.rowStart()[u]; j < train.rowStart()[u + 1]; j++) {
                heldOut.remove(pair(user, train.artistIds().idAt(train.columns()[j])));
            }
        }
        PlayCounts.Builder tagUse = PlayCounts.builder();
        for (int i = 0; i < tagUser.length; i++) {
            if (!heldOut.contains(pair(tagUser[i], tagArtist[i]))) {
                tagUse.add(tagUser[i], tagTag[i], 1);
            }
        }
        return new UserRelations(friendUser, friendFriend, tagUse.build());
    }

    /** A (user, artist) pair as one hash key. */
    static long pair(int user, int artist) {
        return (long) user << 32 | (artist & 0xffffffffL);
    }

    private static Object2IntOpenHashMap<String> ids(List<String> keys) {
        Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>(keys.size());
        ids.defaultReturnValue(-1);
        for (int i = 0; i < keys.size(); i++) {
            ids.put(keys.get(i), i + 1);
        }
        return ids;
    }
}
