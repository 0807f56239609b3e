package io.setlist.scheduler.dashboard;

import io.setlist.recommender.cache.CacheTier;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.config.PipelineSettings;
import io.setlist.scheduler.pipeline.DailyPipeline;

import java.util.List;
import java.util.Map;

/**
 * What the operations dashboard compares the stored figures with: the configured cache tiers (capacity) and the
 * recommender settings the daily run uses (an explanation must replay the same neighbour search).
 */
public record DashboardSettings(List<CacheTier> cacheTiers, RecommenderSettings recommender) {
    public DashboardSettings {
        cacheTiers = List.copyOf(cacheTiers);
    }

    public static DashboardSettings from(PipelineSettings pipeline) {
        return new DashboardSettings(pipeline.cacheTiers(), DailyPipeline.recommenderSettings(pipeline));
    }

    /** With every pipeline setting at its default (for callers that configure no pipeline, such as tests). */
    public static DashboardSettings defaults() {
        return from(Config.parse(Map.of()).pipeline());
    }
}
