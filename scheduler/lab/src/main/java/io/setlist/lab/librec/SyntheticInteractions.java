package io.setlist.lab.librec;

import io.setlist.lab.bench.SyntheticListening;
import io.setlist.lab.evaluation.Interactions;
import io.setlist.recommender.profile.UserProfile;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.List;

/** The in-memory Last.fm-360K-shaped sample as evaluation {@link Interactions}. */
public final class SyntheticInteractions {

    private SyntheticInteractions() {
    }

    public static Interactions of(SyntheticListening s) {
        IntArrayList users = new IntArrayList(s.rows());
        IntArrayList artists = new IntArrayList(s.rows());
        IntArrayList plays = new IntArrayList(s.rows());
        s.forEachRow((u, a, p) -> {
            users.add(u);
            artists.add(a);
            plays.add(p);
        });
        int[] ids = s.userIds();
        UserProfile[] profiles = s.profiles();
        Int2ObjectOpenHashMap<UserProfile> byId = new Int2ObjectOpenHashMap<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            byId.put(ids[i], profiles[i]);
        }
        return new Interactions("synthetic-lastfm-360k", ids, users.toIntArray(), artists.toIntArray(),
                plays.toIntArray(), byId, List.of());
    }
}
