package io.setlist.spark.engine;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.interactions.Weighting;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.ranking.NeighbourScoring;
import io.setlist.recommender.ranking.RecommendProgress;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.recommender.ranking.UserKnnRecommender;
import io.setlist.recommender.ranking.UserRelations;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * What every executor receives once (a Spark broadcast): all plays as (user, artist, plays) columns, every user
 * with their profile, the friendships and tag use the scoring reads, and the recommender settings. Each executor JVM turns it once into the same
 * {@link UserKnnRecommender.Prepared} the single-JVM stage computes (same builder, same weights, same segment
 * charts), and keeps it for all its tasks.
 *
 * <p>Size: 12 bytes a play + about 12 bytes a user (plus the country strings). At 100K Last.fm-shaped users that is
 * 60 MB; executor memory for the prepared form is about 4× that (README, "Spark engine").
 */
public final class RecommendInput implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id = UUID.randomUUID().toString();
    private final int[] playUsers;
    private final int[] playArtists;
    private final int[] playCounts;
    private final int[] allUserIds;
    private final char[] genders;
    private final int[] ages;
    private final String[] countries;
    private final String weighting;
    private final int neighbours;
    private final int topN;
    private final double profileWeight;
    private final int minPlaysForNeighbours;
    private final int threadsPerTask;
    private final int maxPostingsPerArtist;
    private final double[] scoring;
    private final boolean[] scoringNormalises;
    private final int[] friendUsers;
    private final int[] friendFriends;
    /** Tag use as (user, tag, assignments) columns: rebuilt into the same {@code PlayCounts} on each executor. */
    private final int[][] tagUse;

    /** Executor-wide: the prepared input of the broadcast last used in this JVM. */
    private static final Object LOCK = new Object();
    private static String preparedId;
    private static UserKnnRecommender.Prepared prepared;

    RecommendInput(List<PlayBlock> blocks, UserRelations relations, int[] allUserIds, UserProfile[] profiles,
                   RecommenderSettings settings, int threadsPerTask) {
        long total = 0;
        for (PlayBlock b : blocks) {
            total += b.size();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many plays for one broadcast: " + total);
        }
        playUsers = new int[(int) total];
        playArtists = new int[(int) total];
        playCounts = new int[(int) total];
        int at = 0;
        for (PlayBlock b : blocks) {
            System.arraycopy(b.users, 0, playUsers, at, b.size());
            System.arraycopy(b.artists, 0, playArtists, at, b.size());
            System.arraycopy(b.plays, 0, playCounts, at, b.size());
            at += b.size();
        }
        this.allUserIds = allUserIds.clone();
        genders = new char[profiles.length];
        ages = new int[profiles.length];
        countries = new String[profiles.length];
        for (int i = 0; i < profiles.length; i++) {
            UserProfile p = profiles[i] == null ? UserProfile.unknown() : profiles[i];
            genders[i] = p.gender();
            ages[i] = p.age();
            countries[i] = p.country();
        }
        weighting = settings.weighting().name();
        neighbours = settings.neighbours();
        topN = settings.topN();
        profileWeight = settings.profileWeight();
        minPlaysForNeighbours = settings.minPlaysForNeighbours();
        maxPostingsPerArtist = settings.maxPostingsPerArtist();
        NeighbourScoring sc = settings.scoring();
        scoring = new double[]{sc.similarityExponent(), sc.weightExponent(), sc.popularityDamping(), sc.friendWeight(),
                sc.tagWeight()};
        scoringNormalises = new boolean[]{sc.normaliseSimilarities(), sc.normaliseRows()};
        this.threadsPerTask = threadsPerTask;
        friendUsers = relations.friendUsers().clone();
        friendFriends = relations.friendFriends().clone();
        PlayCounts tags = relations.tagUse();
        tagUse = new int[3][(int) tags.nonZeros()];
        for (int u = 0, i = 0; u < tags.users(); u++) {
            for (int j = tags.rowStart()[u]; j < tags.rowStart()[u + 1]; j++, i++) {
                tagUse[0][i] = tags.userIds().idAt(u);
                tagUse[1][i] = tags.artistIds().idAt(tags.columns()[j]);
                tagUse[2][i] = (int) tags.plays()[j];
            }
        }
    }

    long plays() {
        return playUsers.length;
    }

    /** Bytes of the arrays this broadcast carries (the country strings counted at 2 bytes a char). */
    long payloadBytes() {
        long bytes = 12L * playUsers.length + 10L * allUserIds.length + 8L * friendUsers.length
                + 12L * tagUse[0].length;
        for (String c : countries) {
            bytes += c == null ? 0 : 2L * c.length();
        }
        return bytes;
    }

    int[] allUserIds() {
        return allUserIds;
    }

    UserProfile profileAt(int position) {
        return new UserProfile(genders[position], ages[position], countries[position]);
    }

    RecommenderSettings settings() {
        return new RecommenderSettings(Weighting.valueOf(weighting), neighbours, topN, profileWeight,
                minPlaysForNeighbours, threadsPerTask, maxPostingsPerArtist, new NeighbourScoring(scoring[0],
                scoring[1], scoring[2], scoringNormalises[0], scoringNormalises[1], scoring[3], scoring[4]));
    }

    /** The prepared input, built on first use in this JVM: O(plays · log) once per executor, not per task. */
    UserKnnRecommender.Prepared prepared() {
        synchronized (LOCK) {
            if (!id.equals(preparedId)) {
                prepared = null; // let the previous run's go before building this one
                PlayCounts.Builder builder = PlayCounts.builder();
                for (int i = 0; i < playUsers.length; i++) {
                    builder.add(playUsers[i], playArtists[i], playCounts[i]);
                }
                UserProfile[] profiles = new UserProfile[allUserIds.length];
                for (int i = 0; i < profiles.length; i++) {
                    profiles[i] = profileAt(i);
                }
                PlayCounts.Builder tags = PlayCounts.builder();
                for (int i = 0; i < tagUse[0].length; i++) {
                    tags.add(tagUse[0][i], tagUse[1][i], tagUse[2][i]);
                }
                UserRelations relations = new UserRelations(friendUsers, friendFriends, tags.build());
                prepared = UserKnnRecommender.prepare(builder.build(), relations, allUserIds, profiles, settings(),
                        RecommendProgress.NONE);
                preparedId = id;
            }
            return prepared;
        }
    }
}
