package io.setlist.sql.completion;

import io.setlist.recommender.completion.FeatureTable;
import io.setlist.recommender.completion.ListeningData;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Every third PLAY of a day with the feature row the daily replay of its window gave it: what serving must return
 * for a play of that user and track at that time. Plays sharing their millisecond with another PLAY are left out
 * (the later one saw the earlier, a probe sees neither).
 */
final class ReplayedPlays {
    private static final long DAY_MS = 86_400_000L;
    final List<FeatureSnapshot.Play> plays = new ArrayList<>();
    final List<double[]> rows = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    int skippedTies;

    ReplayedPlays add(DataSource ds, LocalDate day, int historyDays) {
        long end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        long from = end - historyDays * DAY_MS;
        ListeningData data = new WarehouseListening(ds).read(Instant.ofEpochMilli(from), Instant.ofEpochMilli(end));
        FeatureTable table = data.features().between(end - DAY_MS, end);
        Long2IntOpenHashMap playsAtMs = new Long2IntOpenHashMap();
        for (int r = 0; r < table.rows(); r++) {
            playsAtMs.addTo(table.ts()[r], 1);
        }
        for (int r = 0; r < table.rows(); r += 3) {
            if (playsAtMs.get(table.ts()[r]) > 1) {
                skippedTies++;
                continue;
            }
            // WarehouseListening's dense indexes are the surrogate ids themselves
            plays.add(new FeatureSnapshot.Play(table.user()[r], table.track()[r], table.ts()[r]));
            double[] row = new double[table.columns()];
            System.arraycopy(table.x(), r * table.columns(), row, 0, row.length);
            rows.add(row);
            names.add(day + " play " + r);
        }
        return this;
    }
}
