package io.setlist.sql.predictions;

import io.setlist.sql.SqlResource;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/**
 * What one prediction request reads from the warehouse, read in <em>one</em> statement
 * ({@code predictions/serving_snapshot.sql}): the surrogate ids of its user and track keys, the model's champion and
 * challenger versions, and the latest event the feature store must have seen.
 *
 * <p><b>Why one statement.</b> A 1-item request used to make about nine round trips (key lookups, champion, latest
 * event, each in its own transaction) and its latency was mostly those. Reading everything fresh on every request,
 * rather than caching it, keeps the guarantees as they were: a promotion committed by any node is seen by the next
 * request of every node, a key imported before the request resolves, an unknown one stays unknown, and an event
 * imported before the request is brought into the feature store before it scores. All of it comes from one
 * snapshot, so the keys, versions and latest event agree with each other.
 *
 * <p><b>Cost.</b> One round trip in auto-commit (no BEGIN/COMMIT); on the server, two unique-index probes per key,
 * a primary-key probe for the champion, a scan of the model's versions (a handful) and the min/max index look-ups of
 * {@code completion/store_latest_event.sql}.
 *
 * @param users      {@code user_key → user_id} of the keys asked for that exist
 * @param tracks     {@code track_key → track_id} of the keys asked for that exist
 * @param champion   the model's champion version, if it has one
 * @param challenger the newest version that is not the champion and was trained on the given features, if any
 * @param latestEvent {@code {ts millis, event_id}} of the latest event, or null when there are none (the form
 *                    {@code FeatureStore.refresh(long[])} takes)
 */
public record ServingSnapshot(Object2IntOpenHashMap<String> users, Object2IntOpenHashMap<String> tracks,
                              OptionalInt champion, OptionalInt challenger, long[] latestEvent) {

    /**
     * Reads the snapshot for a request to {@code model} naming these keys.
     *
     * @param featureNames the features this build serves: a challenger trained on others is not one
     */
    public static ServingSnapshot read(DataSource ds, String model, List<String> featureNames,
                                       Collection<String> userKeys, Collection<String> trackKeys) {
        Object2IntOpenHashMap<String> users = new Object2IntOpenHashMap<>(userKeys.size());
        Object2IntOpenHashMap<String> tracks = new Object2IntOpenHashMap<>(trackKeys.size());
        OptionalInt champion = OptionalInt.empty();
        OptionalInt challenger = OptionalInt.empty();
        long[] latest = null;
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("predictions/serving_snapshot.sql"))) {
            s.setArray(1, c.createArrayOf("text", userKeys.toArray()));
            s.setArray(2, c.createArrayOf("text", trackKeys.toArray()));
            s.setString(3, model);
            s.setString(4, model);
            s.setArray(5, c.createArrayOf("text", featureNames.toArray()));
            s.setString(6, model);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    long id = rs.getLong(3);
                    boolean noId = rs.wasNull();
                    switch (kind) {
                        case "user" -> users.put(rs.getString(2), (int) id);
                        case "track" -> tracks.put(rs.getString(2), (int) id);
                        case "champion" -> champion = OptionalInt.of((int) id);
                        case "challenger" -> challenger = noId ? OptionalInt.empty() : OptionalInt.of((int) id);
                        case "latest_event" -> {
                            Timestamp ts = rs.getTimestamp(4);
                            latest = ts == null ? null : new long[] {ts.getTime(), id};
                        }
                        default -> throw new IllegalStateException("serving_snapshot.sql: unknown row kind " + kind);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the serving snapshot of model " + model + ": "
                    + e.getMessage(), e);
        }
        return new ServingSnapshot(users, tracks, champion, challenger, latest);
    }
}
