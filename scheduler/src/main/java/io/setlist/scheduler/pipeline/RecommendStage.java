package io.setlist.scheduler.pipeline;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.ranking.RankedItems;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.recommender.ranking.Source;
import io.setlist.recommender.ranking.UserKnnRecommender;
import io.setlist.recommender.ranking.UserRelations;
import io.setlist.sql.plays.PlaysReader;
import io.setlist.sql.recommend.RecommendationTable;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * User-user nearest-neighbour recommendations for every user: play counts and profiles are streamed out of the
 * warehouse, ranked in memory, and written back as the business date's recommendations.
 */
public final class RecommendStage implements Stage {
    private final DataSource warehouse;
    private final RecommenderSettings settings;

    public RecommendStage(DataSource warehouse, RecommenderSettings settings) {
        this.warehouse = warehouse;
        this.settings = settings;
    }

    @Override
    public String job() {
        return "recommend";
    }

    @Override
    public Outcome run(RunContext context) {
        TerminalProgress progress = TerminalProgress.onStderr();
        long matrixStart = System.nanoTime();
        PlaysReader reader = new PlaysReader(warehouse);
        IntArrayList userIds = new IntArrayList();
        List<UserProfile> profiles = new ArrayList<>();
        reader.forEachProfile((userId, gender, age, country) -> {
            userIds.add(userId);
            profiles.add(new UserProfile(gender, age, country));
        });
        PlayCounts.Builder builder = PlayCounts.builder();
        long plays = reader.forEachPlay(builder::add);
        PlayCounts counts = builder.build();
        UserRelations relations = reader.relations(settings.scoring().friendWeight() > 0,
                settings.scoring().tagWeight() > 0);
        progress.record("matrix", (System.nanoTime() - matrixStart) / 1e9);

        Map<Source, long[]> bySource = new EnumMap<>(Source.class);
        long[] rows = new long[1];
        try (RecommendationTable.Writer writer = new RecommendationTable(warehouse).replace(context.businessDate())) {
            UserKnnRecommender.recommendAll(counts, relations, userIds.toIntArray(),
                    profiles.toArray(UserProfile[]::new), settings, (RankedItems items) -> {
                        bySource.computeIfAbsent(items.source(), s -> new long[1])[0]++;
                        String source = items.source().label();
                        for (int i = 0; i < items.artistIds().length; i++) {
                            writer.add(items.userId(), i + 1, items.artistIds()[i], items.scores()[i], source);
                            rows[0]++;
                        }
                    }, progress);
            long commitStart = System.nanoTime();
            writer.commit();
            progress.record("write", (System.nanoTime() - commitStart) / 1e9);
        }
        StringBuilder summary = new StringBuilder(String.format("%d users recommended from %d play rows (%d artists):",
                userIds.size(), plays, counts.artists()));
        bySource.forEach((source, n) -> summary.append(' ').append(source.label()).append('=').append(n[0]));
        summary.append("; ").append(progress.timings());
        return new Outcome(plays, rows[0], summary.toString());
    }
}
