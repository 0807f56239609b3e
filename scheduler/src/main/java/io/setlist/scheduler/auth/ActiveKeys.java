package io.setlist.scheduler.auth;

import io.setlist.sql.keys.ApiKeyTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Every active API key's SHA-256 in memory, so that checking a key costs a hash and a map lookup, and a key that
 * is not there is refused without a database round trip: a flood of made-up keys never reaches PostgreSQL.
 *
 * <p>The set is re-read (one query for all keys) when it is older than {@code maxAge}, so a revocation by another
 * process takes effect within that time, and on a miss at most once per {@code missReload}, so a key just created
 * by another process ({@code ./setlist keys create}) works at once or, during a flood of bad keys, within
 * {@code missReload}. Whatever the traffic, that is at most one query per {@code missReload} plus one per
 * {@code maxAge}. One thread re-reads while the others keep answering from the set they have (no stampede); a
 * failed re-read keeps the last set and is retried later. Only before the first successful read does a check throw.
 */
final class ActiveKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveKeys.class);

    private final ApiKeyTable table;
    private final long maxAgeNanos;
    private final long missReloadNanos;
    private final LongSupplier clock;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Map<String, ApiKeys.Caller> byHash;
    private volatile long loadedAt;
    private volatile long reloadedOnMissAt;
    private volatile boolean stale = true;

    ActiveKeys(ApiKeyTable table, long maxAgeNanos, long missReloadNanos, LongSupplier clock) {
        this.table = table;
        this.maxAgeNanos = maxAgeNanos;
        this.missReloadNanos = missReloadNanos;
        this.clock = clock;
        this.reloadedOnMissAt = clock.getAsLong() - missReloadNanos;
    }

    /** The caller whose key hashes to {@code sha256}, or empty. */
    Optional<ApiKeys.Caller> find(byte[] sha256) {
        String hash = HexFormat.of().formatHex(sha256);
        long now = clock.getAsLong();
        if (byHash == null) {
            reload(true);
        } else if (stale || now - loadedAt >= maxAgeNanos) {
            reload(false);
        }
        ApiKeys.Caller caller = byHash.get(hash);
        if (caller == null && now - reloadedOnMissAt >= missReloadNanos && reloading.tryLock()) {
            try {
                if (now - reloadedOnMissAt >= missReloadNanos) {
                    reloadedOnMissAt = now;
                    load();
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot re-read the API keys; answering from the last set: {}", e.getMessage());
            } finally {
                reloading.unlock();
            }
            caller = byHash.get(hash);
        }
        return Optional.ofNullable(caller);
    }

    /** Re-read on the next check (after a create or revoke in this process). */
    void invalidate() {
        stale = true;
    }

    private void reload(boolean mustSucceed) {
        if (mustSucceed) {
            reloading.lock();
        } else if (!reloading.tryLock()) {
            return;
        }
        try {
            if (byHash == null || stale || clock.getAsLong() - loadedAt >= maxAgeNanos) {
                load();
            }
        } catch (RuntimeException e) {
            if (byHash == null) {
                throw e;
            }
            loadedAt = clock.getAsLong();
            LOG.warn("cannot re-read the API keys; answering from the last set: {}", e.getMessage());
        } finally {
            reloading.unlock();
        }
    }

    private void load() {
        stale = false;
        Map<String, ApiKeys.Caller> next = new HashMap<>();
        for (ApiKeyTable.ActiveKey k : table.active()) {
            next.put(HexFormat.of().formatHex(k.sha256()), new ApiKeys.Caller(k.id(), k.name(), Scope.parse(k.scope())));
        }
        byHash = Map.copyOf(next);
        loadedAt = clock.getAsLong();
    }
}
