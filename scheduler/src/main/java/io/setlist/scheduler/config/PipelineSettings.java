package io.setlist.scheduler.config;

import io.setlist.recommender.cache.CachePlan;
import io.setlist.recommender.cache.CacheTier;
import io.setlist.recommender.cache.DemandWeights;
import io.setlist.recommender.ranking.NeighbourScoring;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.scheduler.predictions.CompletionModels;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the daily pipeline computes.
 *
 * @param cacheTiers         cache tiers, fastest first, with capacities
 * @param cacheDemand        how the cache plan forecasts tomorrow's plays: recent window, half-life, history blend
 * @param cachePriority      what the plan divides expected full plays by: bytes, or daily storage cost
 * @param neighbours         k of the user-user neighbourhood
 * @param recommendations    artists kept per user
 * @param inbox              a directory whose new CSV files the {@code import} job loads first in each daily run,
 *                           or {@code null}: no import job
 * @param eventRetentionDays events older than this many days before the business date or the newest event day,
 *                           whichever is earlier, are purged, a whole month partition at a time
 * @param runLease           how long a run holds its (job, date) in the run ledger without a heartbeat
 * @param predictionRetentionDays predictions the API served longer ago than this are deleted from
 *                           {@code prediction_log} by the daily purge
 * @param scoring            how the recommend stage turns neighbours into artist scores; defaults chosen by
 *                           {@code eval recs --tune} (README, "Accuracy")
 * @param sparkBroadcastLimitMb {@code run recommend --engine spark} without {@code --partitioning} broadcasts the
 *                           play matrix while it is at most this many MB (12 bytes a play), else splits it into
 *                           user blocks (README, "Recommend on Apache Spark")
 */
public record PipelineSettings(List<CacheTier> cacheTiers, DemandWeights cacheDemand,
                               CachePlan.Priority cachePriority, int neighbours, int recommendations, Path inbox,
                               int eventRetentionDays, Duration runLease, int predictionRetentionDays,
                               NeighbourScoring scoring, int sparkBroadcastLimitMb) {
    public PipelineSettings {
        cacheTiers = List.copyOf(cacheTiers);
    }

    static PipelineSettings read(ConfigParser p) {
        return new PipelineSettings(
                p.parsed("SETLIST_CACHE_TIERS", "hot:512MiB,warm:4GiB",
                        "name:capacity,... with names in [a-z0-9-] and capacities like 512MiB",
                        PipelineSettings::parseTiers, "cache tiers, fastest first, with capacities"),
                readDemand(p),
                p.flag("SETLIST_CACHE_COST", "rank tracks for the cache by expected full plays per unit of daily "
                        + "storage cost (`tracks.daily_cost`, from pozytywka's `track_storage`) instead of per byte")
                        ? CachePlan.Priority.PER_DAILY_COST : CachePlan.Priority.PER_BYTE,
                p.integer("SETLIST_NEIGHBOURS", RecommenderSettings.TUNED_NEIGHBOURS, 1, Integer.MAX_VALUE,
                        "k of the user-user neighbourhood (default chosen by `eval recs --tune`)"),
                p.integer("SETLIST_RECOMMENDATIONS", 100, 1, Integer.MAX_VALUE, "artists kept per user"),
                p.optional("SETLIST_INBOX", "no import job", "a directory", Path::of,
                        "a directory whose new CSV files the `import` job loads at the start of each daily run, "
                        + "each once `NAME.done` is beside it (see Failure modes)"),
                p.integer("SETLIST_EVENT_RETENTION_DAYS", 400, 1, Integer.MAX_VALUE, "events older than this many "
                        + "days before the business date or the newest event day, whichever is earlier, are purged, "
                        + "a whole month partition at a time"),
                Duration.ofSeconds(p.integer("SETLIST_RUN_LEASE_SECONDS", 60, 1, Integer.MAX_VALUE, "how long a "
                        + "run holds its (job, date) without a heartbeat (renewed every third of it); a crashed "
                        + "run's jobs can be taken over this long after its last heartbeat")),
                p.integer("SETLIST_PREDICTION_RETENTION_DAYS", 90, 1, Integer.MAX_VALUE, "predictions the API "
                        + "served longer ago than this are deleted from `prediction_log` by the daily `purge`"),
                readScoring(p),
                p.integer("SETLIST_SPARK_BROADCAST_LIMIT_MB", 2000, 0, Integer.MAX_VALUE, "`run recommend --engine "
                        + "spark` without `--partitioning` broadcasts the play matrix (12 bytes a play) to every "
                        + "executor while it is at most this many MB, and splits it into user blocks above"));
    }

    /** The ranking's knobs; defaults chosen by {@code eval recs --tune} on HetRec (README, "Accuracy"). */
    private static NeighbourScoring readScoring(ConfigParser p) {
        NeighbourScoring d = NeighbourScoring.DEFAULT;
        return new NeighbourScoring(
                p.number("SETLIST_SIMILARITY_EXPONENT", "`" + plain(d.similarityExponent()) + "`",
                        d.similarityExponent(), "a number > 0", x -> x > 0, "a neighbour's similarity is raised to "
                        + "this power before it weighs the neighbour's artists (above 1: the closest dominate)"),
                p.number("SETLIST_WEIGHT_EXPONENT", "`" + plain(d.weightExponent()) + "`", d.weightExponent(),
                        "a number >= 0", x -> x >= 0, "a neighbour's weight of an artist is raised to this power "
                        + "(0: count the neighbours that have it)"),
                p.number("SETLIST_POPULARITY_DAMPING", "`" + plain(d.popularityDamping()) + "`",
                        d.popularityDamping(), "a number >= 0", x -> x >= 0, "an artist's score is divided by its "
                        + "listeners to this power (favours the long tail)"),
                p.flag("SETLIST_NORMALISE_SIMILARITIES", "each neighbour source's similarities of a user are "
                        + "scaled to sum to 1 before they are mixed"),
                p.flag("SETLIST_NORMALISE_ROWS", "each neighbour's artist weights are scaled to sum to 1"),
                p.number("SETLIST_FRIEND_WEIGHT", "`" + plain(d.friendWeight()) + "`", d.friendWeight(),
                        "a number >= 0", x -> x >= 0, "weight of each declared friend (`friendships`, from "
                        + "hetrec's user_friends.dat) as an extra neighbour; 0: friends are not used"),
                p.number("SETLIST_TAG_WEIGHT", "`" + plain(d.tagWeight()) + "`", d.tagWeight(), "a number >= 0",
                        x -> x >= 0, "weight of the k users closest by tag use (`tag_assignments`) as extra "
                        + "neighbours, times their tag cosine; 0: tags are not used"));
    }

    /** The cache plan's demand forecast; defaults chosen by {@code eval cache --tune} (README, "Cache replay"). */
    private static DemandWeights readDemand(ConfigParser p) {
        DemandWeights d = DemandWeights.DEFAULT;
        return new DemandWeights(
                p.integer("SETLIST_CACHE_DEMAND_WINDOW_DAYS", d.windowDays(), 1, CompletionModels.HISTORY_DAYS,
                        "days of recent plays the cache plan weights by recency; only tracks played in them are "
                        + "cached"),
                p.number("SETLIST_CACHE_DEMAND_HALF_LIFE_DAYS", "`" + plain(d.halfLifeDays()) + "`", d.halfLifeDays(),
                        "a number > 0", x -> x > 0, "half-life in days of the recency weights of those plays"),
                p.number("SETLIST_CACHE_DEMAND_HISTORY_WEIGHT", "`" + plain(d.historyWeight()) + "`",
                        d.historyWeight(), "a number in [0, 1]", x -> x >= 0 && x <= 1, "share of a track's "
                        + "plays per day over the whole " + CompletionModels.HISTORY_DAYS + "-day history in its "
                        + "expected plays (the rest: the recency-weighted recent rate)"));
    }

    private static String plain(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /** Parses {@code hot:512MiB,warm:4GiB}; units B, KiB, MiB, GiB, TiB (or KB/MB/GB/TB as powers of 1024). */
    public static List<CacheTier> parseTiers(String spec) {
        List<CacheTier> tiers = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2 || kv[0].isBlank() || !kv[0].matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("SETLIST_CACHE_TIERS: expected name:capacity (name in [a-z0-9-]), "
                        + "got '" + part + "'");
            }
            tiers.add(new CacheTier(kv[0], parseBytes(kv[1].trim())));
        }
        return List.copyOf(tiers);
    }

    private static long parseBytes(String s) {
        String upper = s.toUpperCase(Locale.ROOT).replace("IB", "B");
        long unit = 1;
        String[][] units = {{"TB", "1099511627776"}, {"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}};
        for (String[] u : units) {
            if (upper.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                upper = upper.substring(0, upper.length() - u[0].length());
                break;
            }
        }
        try {
            long value = Long.parseLong(upper.trim());
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SETLIST_CACHE_TIERS: capacity must be a positive size like 512MiB, "
                    + "got '" + s + "'");
        }
    }
}
