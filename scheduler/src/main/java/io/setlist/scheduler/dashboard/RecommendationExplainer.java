package io.setlist.scheduler.dashboard;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.ranking.RecommendationExplanation;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.sql.dashboard.WarehouseLookups;
import io.setlist.sql.plays.PlaysReader;
import io.setlist.sql.predictions.CatalogKeys;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Why was artist A recommended to user U?": the neighbours whose plays scored A for U, by warehouse keys, from the
 * same play counts, profiles and settings the recommend stage uses ({@link RecommendationExplanation}).
 *
 * <p>Cost: reads every play row and profile (as the recommend stage does) and runs one user's neighbour search:
 * about the stage's "matrix" phase. Nothing is kept between calls, so the answer follows the warehouse; the plays
 * may have moved on since the published run was computed, which the answer's {@code score} then shows.
 */
public final class RecommendationExplainer {
    private final DataSource warehouse;
    private final RecommenderSettings settings;

    public RecommendationExplainer(DataSource warehouse, RecommenderSettings settings) {
        this.warehouse = warehouse;
        this.settings = settings;
    }

    public record Neighbour(String userId, double similarity, double plays, double weight, double contribution) {
    }

    /** {@code score} is the sum of every neighbour's contribution; {@code neighbours} lists the largest. */
    public record Answer(String userId, String artistId, String artistName, double score, int neighbourCount,
                         List<Neighbour> neighbours) {
    }

    /** Empty when the user or the artist key is unknown to the warehouse. */
    public Optional<Answer> explain(String userKey, String artistKey, int top) {
        Object2IntOpenHashMap<String> users = new CatalogKeys(warehouse).users(List.of(userKey));
        WarehouseLookups lookups = new WarehouseLookups(warehouse);
        Optional<WarehouseLookups.Artist> artist = lookups.artist(artistKey);
        if (!users.containsKey(userKey) || artist.isEmpty()) {
            return Optional.empty();
        }
        PlaysReader reader = new PlaysReader(warehouse);
        Int2ObjectOpenHashMap<UserProfile> profiles = new Int2ObjectOpenHashMap<>();
        reader.forEachProfile((userId, gender, age, country) -> profiles.put(userId,
                new UserProfile(gender, age, country)));
        PlayCounts.Builder builder = PlayCounts.builder();
        reader.forEachPlay(builder::add);
        PlayCounts counts = builder.build();
        UserProfile[] byIndex = new UserProfile[counts.users()];
        for (int u = 0; u < byIndex.length; u++) {
            byIndex[u] = profiles.getOrDefault(counts.userIds().idAt(u), UserProfile.unknown());
        }
        RecommendationExplanation.Explanation why = RecommendationExplanation.explain(counts,
                reader.relations(settings.scoring().friendWeight() > 0, settings.scoring().tagWeight() > 0), byIndex,
                settings, users.getInt(userKey), artist.get().id(), top);
        Map<Integer, String> keys = lookups.userKeys(why.contributions().stream()
                .mapToInt(RecommendationExplanation.Contribution::neighbourUserId).toArray());
        List<Neighbour> neighbours = why.contributions().stream().map(c -> new Neighbour(
                keys.getOrDefault(c.neighbourUserId(), "#" + c.neighbourUserId()), c.similarity(), c.plays(),
                c.weight(), c.contribution())).toList();
        return Optional.of(new Answer(userKey, artistKey, artist.get().name(), why.score(), why.neighbours(),
                neighbours));
    }
}
