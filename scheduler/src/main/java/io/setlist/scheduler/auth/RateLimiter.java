package io.setlist.scheduler.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: {@code perSecond} tokens a second, up to {@code burst} saved. One runaway client
 * cannot take the service from the others; a steady client under the rate never sees a 429.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, double burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit must be > 0 per second with a burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one token for {@code keyId}; false when its bucket is empty. */
    public boolean tryAcquire(long keyId) {
        return buckets.computeIfAbsent(keyId, k -> new Bucket(burst)).take(System.nanoTime(), perSecond, burst);
    }

    /** Seconds until a token is back, for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / perSecond));
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double burst) {
            this.tokens = burst;
            this.refilledAt = System.nanoTime();
        }

        synchronized boolean take(long now, double perSecond, double burst) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
