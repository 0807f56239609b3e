package io.setlist.recommender.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.UserProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SegmentPopularityTest {

    /*
     * Users 1-5: UK, m, 20 → all play artist 100 (+ artist 900 for user 1).
     * Users 6-10: Japan, f, 40 → all play 200.
     * Users 11-16: US, m, 22 → all play 300; 11, 12 also 400.
     * User 17: France (a 1-user segment, below the minimum), m, 23 → plays 500.
     * Globally: 300 has 6 listeners, 100 and 200 have 5 each (100 has more plays), 400 has 2.
     */
    private PlayCounts counts;
    private UserProfile[] profiles;
    private SegmentPopularity popularity;

    @BeforeEach
    void setUp() {
        PlayCounts.Builder b = PlayCounts.builder();
        UserProfile[] byId = new UserProfile[18];
        for (int u = 1; u <= 5; u++) {
            b.add(u, 100, 10);
            byId[u] = new UserProfile('m', 20, "UK");
        }
        b.add(1, 900, 1);
        for (int u = 6; u <= 10; u++) {
            b.add(u, 200, 1);
            byId[u] = new UserProfile('f', 40, "Japan");
        }
        for (int u = 11; u <= 16; u++) {
            b.add(u, 300, 1);
            byId[u] = new UserProfile('m', 22, "US");
        }
        b.add(11, 400, 1).add(12, 400, 1);
        b.add(17, 500, 1);
        byId[17] = new UserProfile('m', 23, "France");
        counts = b.build();
        profiles = new UserProfile[counts.users()];
        for (int u = 0; u < counts.users(); u++) {
            profiles[u] = byId[counts.userIds().idAt(u)];
        }
        popularity = SegmentPopularity.build(counts, profiles, 10);
    }

    @Test
    void countrySegmentComesFirst() {
        RankedItems items = popularity.forUser(42, new UserProfile('f', 40, "uk"), 2, new int[0]);
        assertThat(items.userId()).isEqualTo(42);
        assertThat(items.source()).isEqualTo(Source.SEGMENT);
        assertThat(items.artistIds()).containsExactly(100, 900); // UK's ranking, not Japan/f/35-44's
        assertThat(items.scores()).containsExactly(1.0f, 0.2f);
    }

    @Test
    void smallCountryFallsBackToAgeBandAndGender() {
        // France has one user (< 5): skipped. m/18-24 = users 1-5, 11-16, 17 (12 users).
        RankedItems items = popularity.forUser(17, new UserProfile('m', 23, "France"), 3, new int[] {500});
        assertThat(items.source()).isEqualTo(Source.SEGMENT);
        assertThat(items.artistIds()).containsExactly(300, 100, 400);
    }

    @Test
    void unknownProfileGetsGlobalWithListenersThenPlaysOrder() {
        RankedItems items = popularity.forUser(99, UserProfile.unknown(), 4, null);
        assertThat(items.source()).isEqualTo(Source.GLOBAL);
        assertThat(items.artistIds()).containsExactly(300, 100, 200, 400);
        assertThat(popularity.forUser(99, null, 1, null).artistIds()).containsExactly(300);
        // country known but unseen, band/gender unknown → global
        assertThat(popularity.forUser(99, new UserProfile('?', -1, "Peru"), 1, null).source())
                .isEqualTo(Source.GLOBAL);
    }

    @Test
    void exhaustedSegmentIsFilledFromLessSpecificOnesWithoutDuplicatesOrExclusions() {
        RankedItems items = popularity.forUser(3, new UserProfile('m', 20, "UK"), 10, new int[] {100});
        assertThat(items.source()).isEqualTo(Source.SEGMENT);
        // UK → 900; m/18-24 → 300, 400, 500; global → 200 (300, 400, 500, 900 already listed)
        assertThat(items.artistIds()).containsExactly(900, 300, 400, 500, 200);
        for (int r = 1; r < items.size(); r++) {
            assertThat(items.scores()[r]).isLessThanOrEqualTo(items.scores()[r - 1]);
        }
    }

    @Test
    void minimumSegmentSizeIsConfigurable() {
        SegmentPopularity tiny = SegmentPopularity.build(counts, profiles, 10, 1);
        assertThat(tiny.forUser(17, new UserProfile('m', 23, "France"), 1, null).artistIds()).containsExactly(500);
    }

    @Test
    void emptyCatalogGivesEmptyGlobalList() {
        SegmentPopularity empty = SegmentPopularity.build(PlayCounts.builder().build(), new UserProfile[0], 10);
        RankedItems items = empty.forUser(1, new UserProfile('m', 20, "UK"), 10, null);
        assertThat(items.size()).isZero();
        assertThat(items.source()).isEqualTo(Source.GLOBAL);
    }
}
