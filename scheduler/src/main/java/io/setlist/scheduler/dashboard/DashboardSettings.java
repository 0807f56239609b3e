package io.setlist.scheduler.dashboard;

import io.setlist.recommender.cache.CacheTier;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.scheduler.config.Settings;
import io.setlist.scheduler.pipeline.DailyPipeline;

import java.util.List;
import java.util.Map;

/**
 * What the operations dashboard compares the stored figures with: the configured cache tiers (capacity), the
 * recommender settings the daily run used (an explanation must replay the same neighbour search), and the drift
 * alert lines.
 *
 * @param psiAlert {@code SETLIST_DRIFT_PSI_ALERT} (0.25): a feature's PSI above it is a shift (the usual rule of
 *                 thumb: below 0.1 stable, 0.1-0.25 moderate)
 * @param aucAlert {@code SETLIST_DRIFT_AUC_ALERT} (0.6): a new-vs-old classifier AUC above it means the last week's
 *                 plays are telling apart from the earlier weeks' (0.5 = no drift)
 */
public record DashboardSettings(List<CacheTier> cacheTiers, RecommenderSettings recommender, double psiAlert,
                                double aucAlert) {
    public DashboardSettings {
        cacheTiers = List.copyOf(cacheTiers);
        check("SETLIST_DRIFT_PSI_ALERT", psiAlert, Double.MAX_VALUE);
        check("SETLIST_DRIFT_AUC_ALERT", aucAlert, 1);
    }

    public static DashboardSettings from(Settings settings, Map<String, String> env) {
        return new DashboardSettings(settings.cacheTiers(), DailyPipeline.recommenderSettings(settings),
                number(env, "SETLIST_DRIFT_PSI_ALERT", 0.25), number(env, "SETLIST_DRIFT_AUC_ALERT", 0.6));
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + raw + "'");
        }
    }

    private static void check(String name, double value, double max) {
        if (!(value > 0 && value <= max)) {
            throw new IllegalArgumentException(name + " must be in (0, " + (max == 1 ? "1" : "∞") + "], got " + value);
        }
    }
}
