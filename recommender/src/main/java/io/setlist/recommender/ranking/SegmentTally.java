package io.setlist.recommender.ranking;

import io.setlist.recommender.interactions.IdIndex;
import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.UserProfile;
import it.unimi.dsi.fastutil.ints.Int2DoubleMap;
import it.unimi.dsi.fastutil.ints.Int2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Per audience segment (country, age band × gender, everybody): its users with plays and each artist's listeners
 * and plays in it, by artist id. A partitioned run tallies each user block ({@link #of}), adds the tallies
 * ({@link #plus}) and turns the sum into the same {@link SegmentPopularity} that {@code SegmentPopularity.build}
 * gives on the full matrix ({@link #toPopularity}: the same ranking rule, {@code rankTouched}).
 *
 * <p>Size O(Σ over segments of their distinct artists) ≤ 3 × artists × segments, never O(plays); play sums are
 * whole numbers, so any order of addition gives the same doubles. Not thread-safe: {@link #plus} adds into this one.
 */
public final class SegmentTally implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String GLOBAL = "g";

    private final HashMap<String, Segment> segments = new HashMap<>();

    private static final class Segment implements Serializable {
        private static final long serialVersionUID = 1L;
        int users;
        final Int2IntOpenHashMap listeners = new Int2IntOpenHashMap();
        final Int2DoubleOpenHashMap plays = new Int2DoubleOpenHashMap();
    }

    private SegmentTally() {
    }

    /**
     * The tally of the rows of {@code counts}; {@code profilesByUserIndex} aligned with its users (null elements =
     * unknown). O(non-zeros) hash updates, three segments a user at most.
     */
    public static SegmentTally of(PlayCounts counts, UserProfile[] profilesByUserIndex) {
        SegmentTally tally = new SegmentTally();
        int[] rowStart = counts.rowStart();
        int[] columns = counts.columns();
        float[] plays = counts.plays();
        IdIndex artistIds = counts.artistIds();
        String[] keys = new String[3];
        for (int u = 0; u < counts.users(); u++) {
            UserProfile p = profilesByUserIndex[u] == null ? UserProfile.unknown() : profilesByUserIndex[u];
            int n = 0;
            if (p.country() != null) {
                keys[n++] = "c" + SegmentPopularity.countryKey(p.country());
            }
            int bandGender = SegmentPopularity.bandGenderCode(p);
            if (bandGender >= 0) {
                keys[n++] = "b" + bandGender;
            }
            keys[n++] = GLOBAL;
            for (int s = 0; s < n; s++) {
                Segment segment = tally.segments.computeIfAbsent(keys[s], key -> new Segment());
                segment.users++;
                for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                    int artist = artistIds.idAt(columns[i]);
                    segment.listeners.addTo(artist, 1);
                    segment.plays.addTo(artist, plays[i]);
                }
            }
        }
        return tally;
    }

    /** Adds {@code other} (the tally of other users) into this one and returns this. */
    public SegmentTally plus(SegmentTally other) {
        for (Map.Entry<String, Segment> e : other.segments.entrySet()) {
            Segment into = segments.computeIfAbsent(e.getKey(), key -> new Segment());
            Segment from = e.getValue();
            into.users += from.users;
            for (Int2IntMap.Entry l : from.listeners.int2IntEntrySet()) {
                into.listeners.addTo(l.getIntKey(), l.getIntValue());
            }
            for (Int2DoubleMap.Entry p : from.plays.int2DoubleEntrySet()) {
                into.plays.addTo(p.getIntKey(), p.getDoubleValue());
            }
        }
        return this;
    }

    /**
     * The segment charts of the tallied users, as {@link SegmentPopularity#build} makes them from the same users'
     * full rows.
     *
     * @param artistIds every artist with a listener ({@code MatrixTotals.artistIds()})
     */
    public SegmentPopularity toPopularity(IdIndex artistIds, int topN) {
        int artists = artistIds.size();
        int[] listeners = new int[artists];
        double[] plays = new double[artists];
        int[] touched = new int[artists];
        Map<String, SegmentPopularity.Ranking> byCountry = new HashMap<>();
        SegmentPopularity.Ranking[] byBandAndGender =
                new SegmentPopularity.Ranking[UserProfile.ageBands().length * SegmentPopularity.GENDERS.length()];
        SegmentPopularity.Ranking global = new SegmentPopularity.Ranking(new int[0], new float[0]);
        for (Map.Entry<String, Segment> e : segments.entrySet()) {
            String key = e.getKey();
            Segment segment = e.getValue();
            boolean isGlobal = key.equals(GLOBAL);
            if (segment.users < (isGlobal ? 1 : SegmentPopularity.MIN_SEGMENT_USERS)) {
                continue;
            }
            int n = 0;
            for (Int2IntMap.Entry l : segment.listeners.int2IntEntrySet()) {
                int a = artistIds.indexOf(l.getIntKey());
                if (a < 0) {
                    throw new IllegalArgumentException("artist " + l.getIntKey() + " is not among the artist ids");
                }
                listeners[a] = l.getIntValue();
                plays[a] = segment.plays.get(l.getIntKey());
                touched[n++] = a;
            }
            SegmentPopularity.Ranking ranking = SegmentPopularity.rankTouched(touched, n, listeners, plays,
                    isGlobal ? artists : topN, segment.users);
            if (isGlobal) {
                global = ranking;
            } else if (key.charAt(0) == 'c') {
                byCountry.put(key.substring(1), ranking);
            } else {
                byBandAndGender[Integer.parseInt(key.substring(1))] = ranking;
            }
        }
        return new SegmentPopularity(artistIds, byCountry, byBandAndGender, global);
    }
}
