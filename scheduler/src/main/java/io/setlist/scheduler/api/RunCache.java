package io.setlist.scheduler.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.ItemCodec;
import io.setlist.infra.publish.UserRecommendations;
import io.setlist.infra.store.PublishedRuns;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded Caffeine cache of DynamoDB items in front of {@link PublishedRuns}, for hot users (kept in their packed
 * stored form) and cache pages.
 * Keys carry the run id, so an entry can only ever answer for its own run; {@link #dropAll()} runs on a pointer
 * flip to free the old run's entries at once. Misses (unknown users) are cached too, so repeated bad keys do not
 * reach DynamoDB. Bounded by an estimate of bytes; a budget of 0 turns caching off (the benchmark's baseline).
 *
 * <p>{@code cache_gets_total{cache="recommendations"}} counts every user lookup of the node, whichever way it is
 * served: {@code hit} when answered from memory (this cache, or the run's in-memory snapshot), {@code miss} when it
 * read DynamoDB; {@code setlist_api_cache_hit_ratio} is their ratio.
 */
final class RunCache {
    private record UserKey(String runId, String userKey) {
    }

    private record PageKey(String runId, String tier, int page) {
    }

    private final PublishedRuns runs;
    private final Cache<UserKey, Optional<ItemCodec.PackedUser>> users;
    private final Cache<PageKey, Optional<List<CachePriority>>> pages;
    private final LongAdder memoryLookups = new LongAdder();
    private final LongAdder uncachedLookups = new LongAdder();

    RunCache(PublishedRuns runs, long budgetBytes, MeterRegistry registry) {
        this.runs = runs;
        FunctionCounter.builder("cache.gets", this, c -> c.hits()).tags("cache", "recommendations", "result", "hit")
                .description("user lookups answered from memory").register(registry);
        FunctionCounter.builder("cache.gets", this, c -> c.misses()).tags("cache", "recommendations", "result", "miss")
                .description("user lookups that read DynamoDB").register(registry);
        registry.gauge("setlist.api.cache.hit.ratio", this, c -> {
            double hits = c.hits();
            double all = hits + c.misses();
            return all == 0 ? Double.NaN : hits / all;
        });
        if (budgetBytes <= 0) {
            users = null;
            pages = null;
            return;
        }
        // Most of the memory goes to users; cache lists are few and read by a handful of cache nodes.
        users = Caffeine.newBuilder().maximumWeight(budgetBytes * 7 / 8)
                .weigher((UserKey k, Optional<ItemCodec.PackedUser> v) -> weight(k, v))
                .recordStats().build();
        pages = Caffeine.newBuilder().maximumWeight(budgetBytes / 8)
                .weigher((PageKey k, Optional<List<CachePriority>> v) -> 64 + v.map(l -> l.size() * 96).orElse(0))
                .recordStats().build();
        CaffeineCacheMetrics.monitor(registry, pages, "cache_pages");
    }

    /** Counts the lookups an in-memory snapshot answers (hits). */
    LongAdder memoryLookups() {
        return memoryLookups;
    }

    private double hits() {
        return memoryLookups.sum() + (users == null ? 0 : users.stats().hitCount());
    }

    private double misses() {
        return uncachedLookups.sum() + (users == null ? 0 : users.stats().missCount());
    }

    Optional<UserRecommendations> recommendations(String runId, String userKey) {
        if (users == null) {
            uncachedLookups.increment();
            return runs.recommendations(runId, userKey);
        }
        // Kept packed (a third of the decoded size, so three times the users fit); decoding 100 artists is ~µs.
        return users.get(new UserKey(runId, userKey), k -> runs.packedRecommendations(k.runId(), k.userKey()))
                .map(ItemCodec.PackedUser::decode);
    }

    Optional<List<CachePriority>> cachePage(String runId, String tier, int page) {
        if (pages == null) {
            return runs.cachePage(runId, tier, page);
        }
        return pages.get(new PageKey(runId, tier, page), k -> runs.cachePage(k.runId(), k.tier(), k.page()));
    }

    void dropAll() {
        if (users != null) {
            users.invalidateAll();
            pages.invalidateAll();
        }
    }

    /** A rough heap size: object headers, two bytes a character, the packed bytes. */
    private static int weight(UserKey key, Optional<ItemCodec.PackedUser> value) {
        int bytes = 160 + 2 * (key.runId().length() + 2 * key.userKey().length());
        return bytes + value.map(v -> 64 + v.packed().length).orElse(0);
    }
}
