package io.setlist.scheduler.pipeline;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.setlist.infra.publish.RunPublisher;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the pipeline reports to Micrometer's global registry, which the read API's {@code /metrics} exposes when the
 * pipeline runs inside {@code serve}: job durations by job and outcome, publish throughput and retries.
 */
final class PipelineMetrics {
    /** Items per second of the last publish, as double bits (a gauge must read a live object). */
    private static final AtomicLong LAST_ITEMS_PER_SECOND = new AtomicLong(Double.doubleToLongBits(0));

    static {
        Metrics.globalRegistry.gauge("setlist.publish.last.items.per.second", LAST_ITEMS_PER_SECOND,
                bits -> Double.longBitsToDouble(bits.get()));
    }

    private PipelineMetrics() {
    }

    /** Epoch seconds of each job's last success: freshness alerts compare it with the clock. */
    private static final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> LAST_SUCCESS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static void job(String job, String outcome, double seconds) {
        Timer.builder("setlist.job.duration").description("duration of a pipeline job")
                .tag("job", job).tag("outcome", outcome)
                .register(Metrics.globalRegistry)
                .record(Duration.ofNanos((long) (seconds * 1e9)));
        if ("succeeded".equals(outcome)) {
            LAST_SUCCESS.computeIfAbsent(job, j -> Metrics.globalRegistry.gauge("setlist.job.last.success.seconds",
                    java.util.List.of(io.micrometer.core.instrument.Tag.of("job", j)), new AtomicLong(),
                    AtomicLong::doubleValue)).set(System.currentTimeMillis() / 1000);
        } else {
            Metrics.counter("setlist.job.failures", "job", job).increment();
        }
    }

    static void published(RunPublisher.Report report) {
        Metrics.counter("setlist.publish.items").increment(report.items());
        Metrics.counter("setlist.publish.retries").increment(report.retries());
        Metrics.counter("setlist.publish.runs").increment();
        LAST_ITEMS_PER_SECOND.set(Double.doubleToLongBits(report.seconds() > 0 ? report.items() / report.seconds() : 0));
    }

    static void cleaned(long items) {
        Metrics.counter("setlist.cleanup.items.deleted").increment(items);
    }
}
