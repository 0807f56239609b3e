package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.IdIndex;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.UserProfile;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Most popular artists per audience segment, for users the neighbour search cannot serve (too few plays,
 * or none at all).
 *
 * <p>Popularity is the number of listeners in the segment, ties broken by the segment's total plays
 * and then by lower artist id. Listeners rather than plays, so that a handful of heavy fans cannot make
 * a niche artist look mainstream. The score reported is the listener share (listeners / segment users).
 *
 * <p>Segments, most specific first: country; (age band, gender), only when both are known; global.
 * A segment with fewer than {@code minSegmentUsers} users with plays (default {@link #MIN_SEGMENT_USERS})
 * is skipped, since its "top artists" would be one or two people's taste. Country and band/gender
 * segments keep their top {@code topN}; the global ranking keeps <em>every</em> artist so that a list can
 * always be filled however many artists a user already has.
 */
public final class SegmentPopularity implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Fewer users than this in a segment and its ranking is noise. */
    public static final int MIN_SEGMENT_USERS = 5;

    static final String GENDERS = "mfn";

    private final IdIndex artistIds;
    private final Map<String, Ranking> byCountry;
    private final Ranking[] byBandAndGender;
    private final Ranking global;

    SegmentPopularity(IdIndex artistIds, Map<String, Ranking> byCountry, Ranking[] byBandAndGender,
                              Ranking global) {
        this.artistIds = artistIds;
        this.byCountry = byCountry;
        this.byBandAndGender = byBandAndGender;
        this.global = global;
    }

    /** Artist indexes best first with their listener shares. */
    record Ranking(int[] artists, float[] shares) implements java.io.Serializable {
    }

    public static SegmentPopularity build(PlayCounts counts, UserProfile[] profilesByUserIndex, int topN) {
        return build(counts, profilesByUserIndex, topN, MIN_SEGMENT_USERS);
    }

    /**
     * @param profilesByUserIndex profiles by user index of {@code counts} (null elements = unknown),
     *                            or null to build the global ranking only
     */
    public static SegmentPopularity build(PlayCounts counts, UserProfile[] profilesByUserIndex, int topN,
                                          int minSegmentUsers) {
        if (profilesByUserIndex != null && profilesByUserIndex.length != counts.users()) {
            throw new IllegalArgumentException("profiles must be indexed by user: "
                    + profilesByUserIndex.length + " != " + counts.users());
        }
        if (topN < 0) {
            throw new IllegalArgumentException("topN must be >= 0, got " + topN);
        }
        int users = counts.users();
        int[] countryOf = new int[users];
        int[] bandGenderOf = new int[users];
        List<String> countries = new ArrayList<>();
        Object2IntOpenHashMap<String> countryCodes = new Object2IntOpenHashMap<>();
        countryCodes.defaultReturnValue(-1);
        for (int u = 0; u < users; u++) {
            UserProfile p = profileAt(profilesByUserIndex, u);
            countryOf[u] = -1;
            if (p.country() != null) {
                String key = countryKey(p.country());
                int code = countryCodes.getInt(key);
                if (code < 0) {
                    code = countries.size();
                    countries.add(key);
                    countryCodes.put(key, code);
                }
                countryOf[u] = code;
            }
            bandGenderOf[u] = bandGenderCode(p);
        }

        SegmentCounter counter = new SegmentCounter(counts);
        Ranking[] countryRankings = rankSegments(counter, countryOf, countries.size(), topN, minSegmentUsers);
        Map<String, Ranking> byCountry = new HashMap<>();
        for (int c = 0; c < countries.size(); c++) {
            if (countryRankings[c] != null) {
                byCountry.put(countries.get(c), countryRankings[c]);
            }
        }
        Ranking[] byBandAndGender = rankSegments(counter, bandGenderOf,
                UserProfile.ageBands().length * GENDERS.length(), topN, minSegmentUsers);
        int[] everybody = new int[users];
        Ranking global = rankSegments(counter, everybody, 1, counts.artists(), 1)[0];
        if (global == null) {
            global = new Ranking(new int[0], new float[0]);
        }
        return new SegmentPopularity(counts.artistIds(), byCountry, byBandAndGender, global);
    }

    /**
     * Top artists for a user from the most specific segment that qualifies; if it runs out (after
     * exclusions) the next, less specific segments fill the rest.
     *
     * @param userId           carried into the result only
     * @param profile          the user's profile, null = unknown
     * @param excludeArtistIds external artist ids never to return (e.g. artists the user has)
     * @return up to n artists; source {@link Source#SEGMENT} if a country or band/gender segment was used
     *         first, {@link Source#GLOBAL} otherwise
     */
    public RankedItems forUser(int userId, UserProfile profile, int n, int[] excludeArtistIds) {
        UserProfile p = profile == null ? UserProfile.unknown() : profile;
        List<Ranking> levels = new ArrayList<>(3);
        if (p.country() != null && byCountry.containsKey(countryKey(p.country()))) {
            levels.add(byCountry.get(countryKey(p.country())));
        }
        int bandGender = bandGenderCode(p);
        if (bandGender >= 0 && byBandAndGender[bandGender] != null) {
            levels.add(byBandAndGender[bandGender]);
        }
        Source source = levels.isEmpty() ? Source.GLOBAL : Source.SEGMENT;
        levels.add(global);

        IntOpenHashSet excludedOrListed = new IntOpenHashSet(excludeArtistIds == null ? new int[0] : excludeArtistIds);
        int[] ids = new int[Math.max(0, n)];
        float[] scores = new float[ids.length];
        int size = 0;
        float cap = Float.POSITIVE_INFINITY;
        for (Ranking level : levels) {
            for (int j = 0; j < level.artists().length && size < ids.length; j++) {
                int artistId = artistIds.idAt(level.artists()[j]);
                if (excludedOrListed.add(artistId)) {
                    cap = Math.min(cap, level.shares()[j]);
                    ids[size] = artistId;
                    scores[size] = cap;
                    size++;
                }
            }
        }
        return new RankedItems(userId, Arrays.copyOf(ids, size), Arrays.copyOf(scores, size),
                source);
    }

    private static UserProfile profileAt(UserProfile[] profiles, int u) {
        UserProfile p = profiles == null ? null : profiles[u];
        return p == null ? UserProfile.unknown() : p;
    }

    static String countryKey(String country) {
        return country.toLowerCase(Locale.ROOT);
    }

    /** −1 unless both age band and gender are known. */
    static int bandGenderCode(UserProfile p) {
        int band = p.ageBandOrdinal();
        int gender = GENDERS.indexOf(p.gender());
        return band < 0 || gender < 0 ? -1 : band * GENDERS.length() + gender;
    }

    /**
     * Ranks every segment; users are grouped by a counting sort on their segment code so that one dense
     * counter can be reused segment after segment (memory O(artists), not O(segments × artists)).
     */
    private static Ranking[] rankSegments(SegmentCounter counter, int[] segmentOf, int segments, int limit,
                                          int minSegmentUsers) {
        int[] start = new int[segments + 1];
        for (int s : segmentOf) {
            if (s >= 0) {
                start[s + 1]++;
            }
        }
        for (int s = 0; s < segments; s++) {
            start[s + 1] += start[s];
        }
        int[] members = new int[start[segments]];
        int[] cursor = Arrays.copyOf(start, segments);
        for (int u = 0; u < segmentOf.length; u++) {
            if (segmentOf[u] >= 0) {
                members[cursor[segmentOf[u]]++] = u;
            }
        }
        Ranking[] rankings = new Ranking[segments];
        for (int s = 0; s < segments; s++) {
            int size = start[s + 1] - start[s];
            if (size >= Math.max(1, minSegmentUsers)) {
                rankings[s] = counter.rank(members, start[s], start[s + 1], limit);
            }
        }
        return rankings;
    }

    /** Dense per-artist listener/play counters, reset through a touched list after each segment. */
    private static final class SegmentCounter {
        private final PlayCounts counts;
        private final int[] listeners;
        private final double[] plays;
        private final int[] touched;

        SegmentCounter(PlayCounts counts) {
            this.counts = counts;
            this.listeners = new int[counts.artists()];
            this.plays = new double[counts.artists()];
            this.touched = new int[counts.artists()];
        }

        Ranking rank(int[] members, int from, int to, int limit) {
            int[] rowStart = counts.rowStart();
            int[] columns = counts.columns();
            float[] rowPlays = counts.plays();
            int touchedCount = 0;
            for (int m = from; m < to; m++) {
                int u = members[m];
                for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                    int a = columns[i];
                    if (listeners[a] == 0) {
                        touched[touchedCount++] = a;
                    }
                    listeners[a]++;
                    plays[a] += rowPlays[i];
                }
            }
            return rankTouched(touched, touchedCount, listeners, plays, limit, to - from);
        }
    }

    /**
     * The one ranking rule, for the full matrix and for the totals of a partitioned run ({@link SegmentTally}):
     * the {@code touched} artist indexes by listeners, then plays, then lower index, the best {@code limit} kept
     * with their listener shares; resets the counters of the touched artists.
     */
    static Ranking rankTouched(int[] touched, int touchedCount, int[] listeners, double[] plays, int limit,
                               int segmentUsersCount) {
        IntArrays.quickSort(touched, 0, touchedCount, (a, b) -> {
            int byListeners = Integer.compare(listeners[b], listeners[a]);
            if (byListeners != 0) {
                return byListeners;
            }
            int byPlays = Double.compare(plays[b], plays[a]);
            return byPlays != 0 ? byPlays : Integer.compare(a, b);
        });
        int kept = Math.min(limit, touchedCount);
        int[] artists = Arrays.copyOf(touched, kept);
        float[] shares = new float[kept];
        float segmentUsers = segmentUsersCount;
        for (int j = 0; j < kept; j++) {
            shares[j] = listeners[artists[j]] / segmentUsers;
        }
        for (int t = 0; t < touchedCount; t++) {
            listeners[touched[t]] = 0;
            plays[touched[t]] = 0;
        }
        return new Ranking(artists, shares);
    }
}
