package io.setlist.recommender.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CachePlanTest {

    private static final long MIB = 1 << 20;

    @Test
    void fillsTiersGreedilyByFullPlaysPerByte() {
        List<TrackDemand> demand = List.of(
                new TrackDemand(1, 100, 0.5, 5 * MIB),   // 50 full plays, 10 per MiB
                new TrackDemand(2, 90, 1.0, 3 * MIB),    // 90, 30 per MiB
                new TrackDemand(3, 40, 1.0, 2 * MIB),    // 40, 20 per MiB
                new TrackDemand(4, 10, 1.0, 1 * MIB));   // 10, 10 per MiB (ties with 1, lower id first)
        CachePlan plan = CachePlan.plan(demand, List.of(new CacheTier("ram", 5 * MIB), new CacheTier("ssd", 6 * MIB)));

        assertThat(plan.tierNames()).containsExactly("ram", "ssd");
        // 2 (3 MiB) → ram; 3 (2 MiB) → ram (full); 1 (5 MiB) → ssd; 4 (1 MiB) → ssd (full)
        assertThat(plan.entries("ram")).extracting(CacheEntry::trackId).containsExactly(2, 3);
        assertThat(plan.entries("ram")).extracting(CacheEntry::rank).containsExactly(1, 2);
        assertThat(plan.entries("ssd")).extracting(CacheEntry::trackId).containsExactly(1, 4);
        assertThat(plan.usedBytes("ram")).isEqualTo(5 * MIB);
        assertThat(plan.usedBytes("ssd")).isEqualTo(6 * MIB);

        CacheEntry first = plan.entries("ssd").get(0);
        assertThat(first.expectedFullPlays()).isEqualTo(50.0);
        assertThat(first.probability()).isEqualTo(0.5);
        assertThat(first.priority()).isCloseTo(10.0, within(1e-12));
        assertThat(first.sizeBytes()).isEqualTo(5 * MIB);
    }

    @Test
    void skipsTracksThatDoNotFitAndKeepsFillingWithSmallerOnes() {
        List<TrackDemand> demand = List.of(
                new TrackDemand(1, 1000, 1.0, 8 * MIB),  // best, but too big for the remaining 6 MiB... and for the tier
                new TrackDemand(2, 500, 1.0, 5 * MIB),
                new TrackDemand(3, 100, 1.0, 4 * MIB),   // does not fit after 2
                new TrackDemand(4, 10, 1.0, 1 * MIB));   // fits in the last MiB
        CachePlan plan = CachePlan.plan(demand, List.of(new CacheTier("edge", 6 * MIB)));

        assertThat(plan.entries("edge")).extracting(CacheEntry::trackId).containsExactly(2, 4);
        assertThat(plan.usedBytes("edge")).isEqualTo(6 * MIB);
    }

    @Test
    void aTrackGoesToTheFirstTierWithRoomEvenAfterABiggerOneSpilled() {
        List<TrackDemand> demand = List.of(
                new TrackDemand(1, 100, 1.0, 4 * MIB),
                new TrackDemand(2, 30, 1.0, 2 * MIB),    // 15/MiB: spills to slow
                new TrackDemand(3, 5, 1.0, 1 * MIB));    // 5/MiB: still fits in fast
        CachePlan plan = CachePlan.plan(demand, List.of(new CacheTier("fast", 5 * MIB), new CacheTier("slow", 10 * MIB)));

        assertThat(plan.entries("fast")).extracting(CacheEntry::trackId).containsExactly(1, 3);
        assertThat(plan.entries("slow")).extracting(CacheEntry::trackId).containsExactly(2);
    }

    @Test
    void tracksWithoutExpectedFullPlaysAreNotCached() {
        List<TrackDemand> demand = List.of(
                new TrackDemand(1, 0, 0.9, MIB),
                new TrackDemand(2, 50, 0.0, MIB),
                new TrackDemand(3, 1, 0.01, MIB));
        CachePlan plan = CachePlan.plan(demand, List.of(new CacheTier("huge", 1000 * MIB)));

        assertThat(plan.entries("huge")).extracting(CacheEntry::trackId).containsExactly(3);
        assertThat(plan.usedBytes("huge")).isEqualTo(MIB);
        assertThat(plan.entries("nope")).isEmpty();
        assertThat(plan.usedBytes("nope")).isZero();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new TrackDemand(1, 1, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrackDemand(1, 1, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CachePlan.plan(List.of(new TrackDemand(1, 1, 1, 1), new TrackDemand(1, 2, 1, 1)),
                List.of(new CacheTier("a", 10)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CachePlan.plan(List.of(), List.of(new CacheTier("a", 1), new CacheTier("a", 2))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void costPriorityRanksByFullPlaysPerUnitOfDailyCost() {
        List<TrackDemand> demand = List.of(
                new TrackDemand(1, 100, 0.5, 5 * MIB, 10),        // 50 full plays / 10 = 5
                new TrackDemand(2, 90, 1.0, 3 * MIB, 30),         // 90 / 30 = 3
                new TrackDemand(3, 40, 1.0, 2 * MIB, Double.NaN), // unknown: 2 MiB × (41 / 9 per MiB) → 40 × 9 / 82
                new TrackDemand(4, 10, 1.0, 1 * MIB, 1));         // 10 / 1 = 10
        List<CacheTier> tier = List.of(new CacheTier("ram", 8 * MIB));

        CachePlan byCost = CachePlan.plan(demand, tier, CachePlan.Priority.PER_DAILY_COST);
        // 4 (1 MiB), 1 (5 MiB), 3 (2 MiB) fill the 8 MiB; 2 no longer fits.
        assertThat(byCost.entries("ram")).extracting(CacheEntry::trackId).containsExactly(4, 1, 3);
        assertThat(byCost.entries("ram")).extracting(CacheEntry::priority)
                .containsExactly(10.0, 5.0, 40 * 9 / 82.0);
        // By bytes the same demand keeps 2 (30 per MiB) and 3 (20), then 1 does not fit and 4 does.
        assertThat(CachePlan.plan(demand, tier).entries("ram")).extracting(CacheEntry::trackId)
                .containsExactly(2, 3, 4);
    }

    @Test
    void aFreeTrackRanksFirstAndUnknownCostsAloneFallBackToTheByteOrder() {
        List<TrackDemand> unknown = List.of(new TrackDemand(1, 10, 1.0, 1 * MIB), new TrackDemand(2, 30, 1.0, 2 * MIB));
        List<CacheTier> tier = List.of(new CacheTier("ram", 2 * MIB));
        assertThat(CachePlan.plan(unknown, tier, CachePlan.Priority.PER_DAILY_COST).entries("ram"))
                .extracting(CacheEntry::trackId).containsExactly(2);
        List<TrackDemand> withFree = List.of(new TrackDemand(1, 1, 1.0, 1 * MIB, 0),
                new TrackDemand(2, 30, 1.0, 1 * MIB, 1));
        assertThat(CachePlan.plan(withFree, List.of(new CacheTier("ram", 1 * MIB)), CachePlan.Priority.PER_DAILY_COST)
                .entries("ram")).extracting(CacheEntry::trackId).containsExactly(1);
        assertThatThrownBy(() -> new TrackDemand(1, 1, 1, 1, -1)).hasMessageContaining("dailyCost");
    }
}
