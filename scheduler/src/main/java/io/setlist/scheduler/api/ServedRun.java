package io.setlist.scheduler.api;

import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.UserRecommendations;

import java.util.List;
import java.util.Optional;

/**
 * One run as a request reads it: the pointer's record and every item, all of that one run. A request takes one
 * {@code ServedRun} from {@link RunServing} and reads only through it, so no answer is cut from two runs.
 * Implementations: {@link RunSnapshot} (the whole run in memory) and {@link ReadThroughRun} (items read from
 * DynamoDB through the item cache, for a run over the memory budget).
 */
interface ServedRun {
    CurrentRun run();

    /** The user's ranked artists (rank 1 first), or empty for a user the run does not have. */
    Optional<UserRecommendations> recommendations(String userKey);

    /** Up to {@code count} entries of a tier's list from position {@code offset} (0-based), in rank order. */
    List<CachePriority> cacheEntries(String tier, int offset, int count);

    /** {@code memory} or {@code read-through}: how this run is served (health and metrics say it). */
    String mode();
}
