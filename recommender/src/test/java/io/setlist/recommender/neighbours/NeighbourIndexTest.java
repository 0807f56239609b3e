package io.setlist.recommender.neighbours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.RowWeights;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.profile.ProfileSimilarity;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.testing.RandomPlays;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NeighbourIndexTest {

    private static final int USERS = 300;
    private static final int ARTISTS = 200;
    private static final int K = 10;

    @ParameterizedTest(name = "{0}, profileWeight={1}")
    // 0.05 prunes most candidates before their profile similarity is computed (tight bound), 0.9 almost none
    @CsvSource({"LOG,0.0", "LOG,0.3", "BM25,0.1", "NORMALISED,0.0", "NORMALISED,0.05", "BM25,0.9"})
    void equalsNaiveAllPairsTopK(Weighting weighting, double profileWeight) {
        PlayCounts counts = RandomPlays.counts(42, USERS, ARTISTS, 12);
        assertThat(counts.users()).isEqualTo(USERS);
        float[] w = RowWeights.apply(counts, weighting);
        UserProfile[] profiles = profileWeight > 0 ? RandomPlays.profiles(7, USERS) : null;

        int usersWithFewerThanK = assertEqualsNaive(counts, w, profiles, profileWeight);
        // the fixture must exercise both full and short neighbour lists
        assertThat(usersWithFewerThanK).isBetween(1, USERS - 1);
    }

    /** Few artists, so every user's postings cover several times all users: the dense sweep path. */
    @ParameterizedTest(name = "{0}, profileWeight={1}")
    @CsvSource({"NORMALISED,0.0", "BM25,0.1", "LOG,0.5"})
    void denseSweepEqualsNaiveAllPairsTopK(Weighting weighting, double profileWeight) {
        PlayCounts counts = RandomPlays.counts(4, USERS, 8, 24);
        int[] listeners = new int[counts.artists()];
        for (int a : counts.columns()) {
            listeners[a]++;
        }
        int dense = 0;
        for (int u = 0; u < counts.users(); u++) {
            long work = 0;
            for (int i = counts.rowStart()[u]; i < counts.rowStart()[u + 1]; i++) {
                work += listeners[counts.columns()[i]];
            }
            dense += work * 100 >= (long) counts.users() * NeighbourBlock.DENSE_PERCENT ? 1 : 0;
        }
        // both paths in one index, and most users on the dense one
        assertThat(dense).isBetween(counts.users() / 2, counts.users() - 1);
        float[] w = RowWeights.apply(counts, weighting);
        UserProfile[] profiles = profileWeight > 0 ? RandomPlays.profiles(7, USERS) : null;
        assertEqualsNaive(counts, w, profiles, profileWeight);
    }

    /** Every search against the brute force. @return the number of users with fewer than K neighbours */
    private static int assertEqualsNaive(PlayCounts counts, float[] w, UserProfile[] profiles, double profileWeight) {
        int usersWithFewerThanK = -1;
        for (NeighbourIndex.Search search : NeighbourIndex.Search.values()) {
            NeighbourIndex index = NeighbourIndex.buildRange(counts, w, profiles, profileWeight, K, 1, 0,
                    counts.users(), null, search, 0);
            usersWithFewerThanK = assertEqualsNaive(counts, w, profiles, profileWeight, index, search.toString());
        }
        return usersWithFewerThanK;
    }

    /** @return the number of users with fewer than K neighbours */
    private static int assertEqualsNaive(PlayCounts counts, float[] w, UserProfile[] profiles, double profileWeight,
                                         NeighbourIndex index, String search) {
        int usersWithFewerThanK = 0;
        for (int u = 0; u < counts.users(); u++) {
            List<float[]> naive = naiveTopK(counts, w, profiles, profileWeight, u);
            int[] ids = index.neighboursOf(u);
            float[] sims = index.similaritiesOf(u);
            assertThat(ids).as("%s user %d", search, u).hasSize(naive.size());
            for (int r = 0; r < ids.length; r++) {
                assertThat(ids[r]).as("%s user %d rank %d", search, u, r).isEqualTo((int) naive.get(r)[0]);
                assertThat(sims[r]).as("%s user %d rank %d", search, u, r).isEqualTo(naive.get(r)[1]);
            }
            assertThat(ids).doesNotContain(u);
            usersWithFewerThanK += ids.length < K ? 1 : 0;
        }
        assertThat(index.k()).isEqualTo(K);
        return usersWithFewerThanK;
    }

    /**
     * The pairwise search with candidate ranges far smaller than the users, so every query crosses many range
     * boundaries (cursors carried across ranges, both the touched list and the sweep), on one and two threads.
     */
    @ParameterizedTest(name = "range={0}, threads={1}, profileWeight={2}")
    @CsvSource({"1,1,0.0", "7,1,0.3", "7,2,0.0", "64,2,0.1", "64,1,0.05", "1000,2,0.3"})
    void pairwiseEqualsNaiveAcrossRangesAndThreads(int range, int threads, double profileWeight) {
        PlayCounts counts = RandomPlays.counts(42, USERS, ARTISTS, 12);
        float[] w = RowWeights.apply(counts, Weighting.BM25);
        UserProfile[] profiles = profileWeight > 0 ? RandomPlays.profiles(7, USERS) : null;
        NeighbourIndex index = pairwise(counts, w, profiles, profileWeight, range, threads);
        assertEqualsNaive(counts, w, profiles, profileWeight, index, "pairwise range " + range);
    }

    /**
     * Identical rows tie on similarity, so the lower user index must win whichever user of a pair computed it and
     * whichever thread offered it; a user whose only artist has no other listener gets no neighbours.
     */
    @ParameterizedTest(name = "threads={0}, range={1}")
    @CsvSource({"1,3", "2,3", "2,1000"})
    void pairwiseBreaksTiesByLowerUserAndLeavesLoneListenersEmpty(int threads, int range) {
        PlayCounts.Builder builder = PlayCounts.builder();
        for (int user = 1; user <= 14; user++) {
            builder.add(user, 100, 4).add(user, 200, 9); // 14 identical rows: 13 candidates tie for K=10 slots
        }
        builder.add(30, 999, 5);                          // a single-listener artist only
        builder.add(31, 998, 2).add(31, 100, 1);          // a single-listener artist and a shared one
        PlayCounts counts = builder.build();
        float[] w = RowWeights.apply(counts, Weighting.LOG);
        UserProfile[] profiles = RandomPlays.profiles(11, counts.users());
        for (double profileWeight : new double[] {0.0, 0.2}) {
            UserProfile[] p = profileWeight > 0 ? profiles : null;
            NeighbourIndex index = pairwise(counts, w, p, profileWeight, range, threads);
            assertEqualsNaive(counts, w, p, profileWeight, index, "ties");
            int lone = counts.userIds().indexOf(30);
            assertThat(index.countOf(lone)).isZero();
        }
        NeighbourIndex index = pairwise(counts, w, null, 0, range, threads);
        int first = counts.userIds().indexOf(1);
        assertThat(index.neighboursOf(first)).hasSize(K).doesNotContain(first);
        // all 13 others tie at cosine 1: the K lowest indexes win
        int[] expected = new int[K];
        for (int r = 0, v = 0; r < K; v++) {
            if (v != first && counts.userIds().idAt(v) <= 14) {
                expected[r++] = v;
            }
        }
        assertThat(index.neighboursOf(first)).containsExactly(expected);
    }

    /** Tiles whose last candidate range holds 1, 2 or all users, or is wider than the users, on 1 and 2 threads. */
    @ParameterizedTest(name = "range=users{0}, threads={1}")
    @CsvSource({"-2,1", "-1,2", "0,1", "1,2"})
    void pairwiseEqualsNaiveAtTileEdges(int rangeMinusUsers, int threads) {
        PlayCounts counts = RandomPlays.counts(8, USERS, ARTISTS, 12);
        float[] w = RowWeights.apply(counts, Weighting.LOG);
        UserProfile[] profiles = RandomPlays.profiles(9, USERS);
        NeighbourIndex index = pairwise(counts, w, profiles, 0.2, USERS + rangeMinusUsers, threads);
        assertEqualsNaive(counts, w, profiles, 0.2, index, "tile edge " + rangeMinusUsers);
    }

    /**
     * Fewer candidates than k; a user whose weights are all 0 (no play counted) and a pair whose only products
     * underflow to 0 share no artist as far as any search is concerned, as in the brute force; k = 0 keeps nothing.
     */
    @Test
    void fewerCandidatesThanKZeroWeightsAndUnderflowAgreeWithNaive() {
        PlayCounts counts = PlayCounts.builder()
                .add(1, 100, 3).add(1, 200, 1)
                .add(2, 100, 1).add(2, 300, 2)
                .add(3, 200, 5).add(3, 300, 1)
                .add(4, 100, 2)                  // weights set to 0 below: no play counted
                .add(5, 400, 1).add(6, 400, 1)   // they share only artist 400, whose weights underflow below
                .build();
        float[] w = RowWeights.apply(counts, Weighting.NORMALISED);
        int[] start = counts.rowStart();
        int zero = counts.userIds().indexOf(4);
        java.util.Arrays.fill(w, start[zero], start[zero + 1], 0f);
        for (int id : new int[] {5, 6}) {
            int u = counts.userIds().indexOf(id);
            java.util.Arrays.fill(w, start[u], start[u + 1], 1e-30f); // 1e-30² is below Float.MIN_VALUE
        }
        UserProfile[] profiles = RandomPlays.profiles(13, counts.users());
        for (double profileWeight : new double[] {0.0, 0.5}) {
            UserProfile[] p = profileWeight > 0 ? profiles : null;
            assertEqualsNaive(counts, w, p, profileWeight);
            for (int range : new int[] {1, 2, 1000}) {
                NeighbourIndex index = pairwise(counts, w, p, profileWeight, range, 2);
                assertEqualsNaive(counts, w, p, profileWeight, index, "pairwise range " + range);
                for (int id : new int[] {4, 5, 6}) {
                    assertThat(index.countOf(counts.userIds().indexOf(id))).as("user id %d", id).isZero();
                }
                assertThat(index.countOf(counts.userIds().indexOf(1))).isEqualTo(2); // users 2 and 3, fewer than K
            }
        }
        NeighbourIndex none = NeighbourIndex.build(counts, w, profiles, 0.5, 0, 2);
        for (int u = 0; u < counts.users(); u++) {
            assertThat(none.countOf(u)).isZero();
        }
    }

    private static NeighbourIndex pairwise(PlayCounts counts, float[] w, UserProfile[] profiles, double profileWeight,
                                           int range, int threads) {
        int users = counts.users();
        SearchInputs in = SearchInputs.of(counts.rowStart(), counts.columns(), w, InvertedIndex.of(counts, w),
                profiles == null ? null : ProfileSimilarity.encode(profiles), profileWeight);
        return NeighbourIndex.pairwise(in, K, threads, null, range, new int[users * K], new float[users * K],
                new int[users]);
    }

    @ParameterizedTest
    @CsvSource({"0.0", "0.25"})
    void resultsDoNotDependOnThreadCount(double profileWeight) {
        PlayCounts counts = RandomPlays.counts(99, 1200, 300, 20); // > one block per thread
        float[] w = RowWeights.apply(counts, Weighting.BM25);
        UserProfile[] profiles = RandomPlays.profiles(3, counts.users());

        NeighbourIndex one = NeighbourIndex.build(counts, w, profiles, profileWeight, K, 1);
        NeighbourIndex two = NeighbourIndex.build(counts, w, profiles, profileWeight, K, 2);
        NeighbourIndex five = NeighbourIndex.build(counts, w, profiles, profileWeight, K, 5);
        for (int u = 0; u < counts.users(); u++) {
            assertThat(two.neighboursOf(u)).isEqualTo(one.neighboursOf(u));
            assertThat(two.similaritiesOf(u)).isEqualTo(one.similaritiesOf(u));
            assertThat(five.neighboursOf(u)).isEqualTo(one.neighboursOf(u));
            assertThat(five.similaritiesOf(u)).isEqualTo(one.similaritiesOf(u));
        }
    }

    @Test
    void aRangeIsAnIndependentUnitOfWork() {
        PlayCounts counts = RandomPlays.counts(17, 900, 250, 15);
        float[] w = RowWeights.apply(counts, Weighting.NORMALISED);
        UserProfile[] profiles = RandomPlays.profiles(5, counts.users());
        NeighbourIndex all = NeighbourIndex.build(counts, w, profiles, 0.1, K, 2);
        int[] reported = new int[1];
        NeighbourIndex part = NeighbourIndex.buildRange(counts, w, profiles, 0.1, K, 2, 300, 650,
                n -> { synchronized (reported) { reported[0] += n; } });
        assertThat(reported[0]).isEqualTo(350);
        for (int u = 0; u < counts.users(); u++) {
            if (u >= 300 && u < 650) {
                assertThat(part.neighboursOf(u)).isEqualTo(all.neighboursOf(u));
                assertThat(part.similaritiesOf(u)).isEqualTo(all.similaritiesOf(u));
            } else {
                assertThat(part.countOf(u)).isZero();
            }
        }
        assertThatThrownBy(() -> NeighbourIndex.buildRange(counts, w, null, 0, K, 1, 10, 5, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPostingCapAtLeastTheLargestAudienceIsExact() {
        PlayCounts counts = RandomPlays.counts(8, 500, 120, 15);
        float[] w = RowWeights.apply(counts, Weighting.BM25);
        int largest = 0;
        int[] listeners = new int[counts.artists()];
        for (int a : counts.columns()) {
            largest = Math.max(largest, ++listeners[a]);
        }
        NeighbourIndex exact = NeighbourIndex.buildRange(counts, w, null, 0, K, 1, 0, counts.users(), null,
                NeighbourIndex.Search.FULL_SCAN, 0); // the cap applies to the full scan: compare postings read
        NeighbourIndex capped = NeighbourIndex.buildRange(counts, w, null, 0, K, 1, 0, counts.users(), null,
                largest);
        NeighbourIndex tighter = NeighbourIndex.buildRange(counts, w, null, 0, K, 1, 0, counts.users(), null,
                largest / 2);
        for (int u = 0; u < counts.users(); u++) {
            assertThat(capped.neighboursOf(u)).isEqualTo(exact.neighboursOf(u));
        }
        assertThat(tighter.postingsScanned()).isLessThan(exact.postingsScanned());
    }

    @Test
    void aPostingCapKeepsTheHeaviestListenersOfAPopularArtist() {
        // artist 7 has three listeners; user 3 weights it most (it is all they play), user 1 least
        PlayCounts counts = PlayCounts.builder()
                .add(1, 7, 1).add(1, 8, 50)
                .add(2, 7, 5).add(2, 9, 5)
                .add(3, 7, 9)
                .build();
        float[] w = RowWeights.apply(counts, Weighting.LOG);
        NeighbourIndex capped = NeighbourIndex.buildRange(counts, w, null, 0, 5, 1, 0, counts.users(), null,
                1);
        // only user 3 (index 2) remains in artist 7's postings: everyone who has 7 finds exactly user 3
        assertThat(capped.neighboursOf(0)).containsExactly(2);
        assertThat(capped.neighboursOf(1)).containsExactly(2);
        assertThat(capped.neighboursOf(2)).isEmpty(); // user 3 finds only itself through artist 7
        NeighbourIndex exact = NeighbourIndex.build(counts, w, null, 0, 5, 1);
        assertThat(exact.neighboursOf(2)).containsExactly(1, 0);
    }

    @Test
    void usersSharingNoArtistAreNotNeighboursEvenWithIdenticalProfiles() {
        PlayCounts counts = PlayCounts.builder()
                .add(1, 10, 3).add(2, 10, 5).add(3, 99, 1)
                .build();
        float[] w = RowWeights.apply(counts, Weighting.LOG);
        UserProfile same = new UserProfile('f', 30, "UK");
        NeighbourIndex index = NeighbourIndex.build(counts, w, new UserProfile[] {same, same, same}, 0.5, 5, 1);

        assertThat(index.neighboursOf(0)).containsExactly(1);
        assertThat(index.similaritiesOf(0)[0]).isEqualTo(1.0f); // cosine 1, profile 1
        assertThat(index.neighboursOf(2)).isEmpty();
        assertThat(index.countOf(2)).isZero();
    }

    @Test
    void rejectsMisalignedInputs() {
        PlayCounts counts = PlayCounts.builder().add(1, 1, 1).build();
        assertThatThrownBy(() -> NeighbourIndex.build(counts, new float[2], null, 0, 5, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighbourIndex.build(counts, new float[1], new UserProfile[3], 0.1, 5, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighbourIndex.build(counts, new float[1], null, 1.5, 5, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** O(users²) reference: merge-join every pair of rows, keep pairs sharing an artist, sort, cut at k. */
    private static List<float[]> naiveTopK(PlayCounts counts, float[] w, UserProfile[] profiles,
                                           double profileWeight, int u) {
        int[] start = counts.rowStart();
        int[] col = counts.columns();
        ProfileSimilarity profileSimilarity = new ProfileSimilarity();
        List<float[]> candidates = new ArrayList<>();
        for (int v = 0; v < counts.users(); v++) {
            if (v == u) {
                continue;
            }
            float dot = 0f;
            int shared = 0;
            int i = start[u];
            int j = start[v];
            while (i < start[u + 1] && j < start[v + 1]) {
                if (col[i] < col[j]) {
                    i++;
                } else if (col[i] > col[j]) {
                    j++;
                } else {
                    dot += w[i] * w[j];
                    shared++;
                    i++;
                    j++;
                }
            }
            if (shared == 0 || dot == 0f) { // a cosine that underflows to 0 counts as no overlap (SearchInputs)
                continue;
            }
            float sim = profiles == null ? dot
                    : (float) ((1 - profileWeight) * dot
                    + profileWeight * profileSimilarity.similarity(profiles[u], profiles[v]));
            if (sim > 0) {
                candidates.add(new float[] {v, sim});
            }
        }
        candidates.sort(Comparator.<float[]>comparingDouble(c -> -c[1]).thenComparingDouble(c -> c[0]));
        return candidates.subList(0, Math.min(K, candidates.size()));
    }
}
