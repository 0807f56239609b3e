package io.setlist.recommender.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CachePlanCapacityTest {

    @Test
    void noTierEverHoldsMoreBytesThanItsCapacityAndNothingThatStillFitsIsLeftOut() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int round = 0; round < 50; round++) {
            List<TrackDemand> demand = new ArrayList<>();
            for (int t = 0; t < 300; t++) {
                demand.add(new TrackDemand(t, rng.nextDouble() * 20, rng.nextDouble(), 1 + rng.nextInt(10_000_000)));
            }
            List<CacheTier> tiers = List.of(new CacheTier("a", rng.nextInt(50_000_000)),
                    new CacheTier("b", rng.nextInt(200_000_000)));
            CachePlan plan = CachePlan.plan(demand, tiers);
            long leastLeft = Long.MAX_VALUE;
            for (CacheTier tier : tiers) {
                long sum = plan.entries(tier.name()).stream().mapToLong(CacheEntry::sizeBytes).sum();
                assertThat(sum).isEqualTo(plan.usedBytes(tier.name())).isLessThanOrEqualTo(tier.capacityBytes());
                leastLeft = Math.min(leastLeft, tier.capacityBytes() - sum);
            }
            // Any track left out must not fit the room left in every tier.
            java.util.Set<Integer> placed = new java.util.HashSet<>();
            tiers.forEach(t -> plan.entries(t.name()).forEach(e -> placed.add(e.trackId())));
            for (TrackDemand d : demand) {
                if (!placed.contains(d.trackId()) && d.expectedPlays() * d.completionProbability() > 0) {
                    for (CacheTier tier : tiers) {
                        assertThat(d.sizeBytes()).isGreaterThan(tier.capacityBytes() - plan.usedBytes(tier.name()));
                    }
                }
            }
        }
    }
}
