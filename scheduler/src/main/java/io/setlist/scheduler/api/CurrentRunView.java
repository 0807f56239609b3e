package io.setlist.scheduler.api;

import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.store.PublishedRuns;

import java.util.Optional;

/**
 * The current run as the API sees it, re-read from the pointer at most once per {@code refreshMillis}: a publish
 * becomes visible within that time, and hot reads do not each pay a pointer lookup.
 */
public final class CurrentRunView {
    private final PublishedRuns runs;
    private final long refreshMillis;
    private volatile Optional<CurrentRun> current = Optional.empty();
    private volatile long readAt = Long.MIN_VALUE;

    public CurrentRunView(PublishedRuns runs, long refreshMillis) {
        this.runs = runs;
        this.refreshMillis = refreshMillis;
    }

    public Optional<CurrentRun> get() {
        long now = System.currentTimeMillis();
        if (readAt == Long.MIN_VALUE || now - readAt >= refreshMillis) {
            synchronized (this) {
                if (readAt == Long.MIN_VALUE || now - readAt >= refreshMillis) {
                    current = runs.currentRun();
                    readAt = now;
                }
            }
        }
        return current;
    }

    /** The current run, or a 503 when nothing has been published yet. */
    public CurrentRun require() {
        return get().orElseThrow(ApiError::notReady);
    }

    public PublishedRuns runs() {
        return runs;
    }
}
