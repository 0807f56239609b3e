package io.setlist.scheduler.api;

import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.ItemCodec;
import io.setlist.infra.publish.UserRecommendations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A run served from DynamoDB through {@link RunCache}: how a run larger than the snapshot budget is served (and
 * every run when {@code SETLIST_API_SNAPSHOT_MIB=0}). Hot users are answered from the cache; the others cost one
 * bounded GetItem. A store that does not answer is a 503 {@code unavailable}, never a 500.
 */
final class ReadThroughRun implements ServedRun {
    private static final Logger LOG = LoggerFactory.getLogger(ReadThroughRun.class);

    private final CurrentRun run;
    private final RunCache cache;

    ReadThroughRun(CurrentRun run, RunCache cache) {
        this.run = run;
        this.cache = cache;
    }

    @Override
    public CurrentRun run() {
        return run;
    }

    @Override
    public String mode() {
        return "read-through";
    }

    @Override
    public Optional<UserRecommendations> recommendations(String userKey) {
        return store(() -> cache.recommendations(run.runId(), userKey));
    }

    @Override
    public List<CachePriority> cacheEntries(String tier, int offset, int count) {
        List<CachePriority> out = new ArrayList<>(Math.min(count, 2 * ItemCodec.CACHE_PAGE));
        int page = offset / ItemCodec.CACHE_PAGE;
        int skip = offset % ItemCodec.CACHE_PAGE;
        while (out.size() < count) {
            int p = page;
            Optional<List<CachePriority>> entries = store(() -> cache.cachePage(run.runId(), tier, p));
            if (entries.isEmpty()) {
                break;
            }
            List<CachePriority> list = entries.get();
            for (int i = skip; i < list.size() && out.size() < count; i++) {
                out.add(list.get(i));
            }
            if (list.size() < ItemCodec.CACHE_PAGE) {
                break;
            }
            skip = 0;
            page++;
        }
        return out;
    }

    private static <T> T store(Supplier<T> read) {
        try {
            return read.get();
        } catch (SdkException e) {
            LOG.warn("DynamoDB read failed: {}", e.getMessage());
            throw ApiError.unavailable("the store did not answer; retry shortly");
        }
    }
}
