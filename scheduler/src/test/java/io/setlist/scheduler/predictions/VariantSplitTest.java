package io.setlist.scheduler.predictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantSplitTest {
    private static final int USERS = 10_000;

    @Test
    void aUserAlwaysGetsTheSameVariant() {
        VariantSplit split = VariantSplit.parse("champion:50,challenger:50", "exp-1");
        VariantSplit again = VariantSplit.parse("champion:50,challenger:50", "exp-1");
        for (int u = 0; u < USERS; u++) {
            String user = "u" + u;
            assertThat(again.assign(user)).isEqualTo(split.assign(user)).isEqualTo(split.assign(user));
        }
    }

    @Test
    void usersSpreadWithinTwoPointsOfTheConfiguredSplit() {
        assertShares(VariantSplit.parse("champion:50,challenger:50", "exp-1"), Map.of("champion", 0.5, "challenger", 0.5));
        assertShares(VariantSplit.parse("v1:20,v2:30,champion:50", "exp-2"), Map.of("v1", 0.2, "v2", 0.3, "champion", 0.5));
        assertShares(VariantSplit.parse("champion:90,challenger:10", "exp-3"), Map.of("champion", 0.9, "challenger", 0.1));
    }

    @Test
    void anotherSaltReshufflesUsers() {
        VariantSplit a = VariantSplit.parse("champion:50,challenger:50", "exp-1");
        VariantSplit b = VariantSplit.parse("champion:50,challenger:50", "exp-2");
        int moved = 0;
        for (int u = 0; u < USERS; u++) {
            if (!a.assign("u" + u).equals(b.assign("u" + u))) {
                moved++;
            }
        }
        assertThat(moved / (double) USERS).isBetween(0.47, 0.53); // independent halves: half the users move
    }

    @Test
    void aBadSplitIsRefusedNamingThePart() {
        assertThatThrownBy(() -> VariantSplit.parse("champion:50,canary:50", "s")).hasMessageContaining("'canary:50'");
        assertThatThrownBy(() -> VariantSplit.parse("champion:0", "s")).hasMessageContaining("weight of champion");
        assertThatThrownBy(() -> VariantSplit.parse("champion:x", "s")).hasMessageContaining("weight of champion");
        assertThatThrownBy(() -> VariantSplit.parse("v1:5,v1:5", "s")).hasMessageContaining("twice");
        assertThat(io.setlist.scheduler.config.Config.parse(Map.of()).abSplit().shares()).extracting(VariantSplit.Share::variant)
                .containsExactly("champion", "challenger");
    }

    private static void assertShares(VariantSplit split, Map<String, Double> expected) {
        Map<String, Integer> counts = new HashMap<>();
        for (int u = 0; u < USERS; u++) {
            counts.merge(split.assign("user-" + u), 1, Integer::sum);
        }
        assertThat(counts.keySet()).isEqualTo(expected.keySet());
        expected.forEach((variant, share) -> assertThat(counts.get(variant) / (double) USERS)
                .as("share of %s", variant).isCloseTo(share, org.assertj.core.data.Offset.offset(0.02)));
    }
}
