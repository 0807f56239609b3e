package io.setlist.scheduler.api;

import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.store.PublishedRuns;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The current run as the API sees it, re-read from the pointer at most once per {@code refreshMillis}: a publish
 * becomes visible within that time, and hot reads do not each pay a pointer lookup. Each request takes the run
 * once and reads only items of that run, so an answer is never cut from two runs.
 */
public final class CurrentRunView {
    private final PublishedRuns runs;
    private final long refreshMillis;
    private final List<Consumer<CurrentRun>> flipListeners = new CopyOnWriteArrayList<>();
    private volatile Optional<CurrentRun> current = Optional.empty();
    private volatile long readAt = Long.MIN_VALUE;

    public CurrentRunView(PublishedRuns runs, long refreshMillis) {
        this.runs = runs;
        this.refreshMillis = refreshMillis;
    }

    /** {@code listener} runs once each time the pointer is seen on a new run (caches drop the old one). */
    public void onFlip(Consumer<CurrentRun> listener) {
        flipListeners.add(listener);
    }

    public Optional<CurrentRun> get() {
        long now = System.currentTimeMillis();
        if (readAt == Long.MIN_VALUE || now - readAt >= refreshMillis) {
            synchronized (this) {
                if (readAt == Long.MIN_VALUE || now - readAt >= refreshMillis) {
                    Optional<CurrentRun> previous = current;
                    Optional<CurrentRun> next = runs.currentRun();
                    current = next;
                    readAt = now;
                    String before = previous.map(CurrentRun::runId).orElse(null);
                    if (next.isPresent() && !Objects.equals(before, next.get().runId())) {
                        flipListeners.forEach(l -> l.accept(next.get()));
                    }
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
