package io.setlist.lab.bench;

import io.setlist.recommender.interactions.PlayCounts;
import io.setlist.recommender.profile.ProfileSimilarity;
import io.setlist.recommender.profile.UserProfile;
import io.setlist.recommender.select.TopK;

/**
 * The first version of the exact neighbour search, kept only as the benchmark's baseline so that every speed-up
 * of {@link io.setlist.recommender.neighbours.NeighbourIndex} is measured against it in the same process.
 *
 * <p>Per query user: walk the user's artists and their postings, accumulate dot products in a dense array with a
 * {@code boolean[]} first-touch mark, then compute the profile similarity of <em>every</em> touched user and offer
 * it to the top-k. Single-threaded; produces the same neighbours as the production search.
 */
public final class BaselineNeighbourSearch {

    private BaselineNeighbourSearch() {
    }

    /**
     * Neighbours of users {@code 0..queryUsers-1}, written as k slots per user.
     *
     * @return a checksum (sum of similarities), so the work cannot be optimised away
     */
    public static double run(PlayCounts counts, float[] rowWeights, UserProfile[] profilesByUserIndex,
                             double profileWeight, int k, int queryUsers, int[] outNeighbours, float[] outSimilarities) {
        int users = counts.users();
        int[] rowStart = counts.rowStart();
        int[] columns = counts.columns();
        int[] postingStart = new int[counts.artists() + 1];
        for (int column : columns) {
            postingStart[column + 1]++;
        }
        for (int a = 0; a < counts.artists(); a++) {
            postingStart[a + 1] += postingStart[a];
        }
        int[] cursor = java.util.Arrays.copyOf(postingStart, counts.artists());
        int[] postingUsers = new int[columns.length];
        float[] postingWeights = new float[columns.length];
        for (int u = 0; u < users; u++) {
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                int at = cursor[columns[i]]++;
                postingUsers[at] = u;
                postingWeights[at] = rowWeights[i];
            }
        }
        ProfileSimilarity.Codes profiles = profilesByUserIndex == null ? null
                : ProfileSimilarity.encode(profilesByUserIndex);
        double w = profiles == null ? 0.0 : profileWeight;
        float[] dot = new float[users];
        boolean[] seen = new boolean[users];
        int[] touched = new int[users];
        TopK top = new TopK(k);
        double checksum = 0;
        for (int u = 0; u < queryUsers; u++) {
            int touchedCount = 0;
            for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                float wu = rowWeights[i];
                int artist = columns[i];
                for (int p = postingStart[artist]; p < postingStart[artist + 1]; p++) {
                    int v = postingUsers[p];
                    if (!seen[v]) {
                        seen[v] = true;
                        touched[touchedCount++] = v;
                    }
                    dot[v] += wu * postingWeights[p];
                }
            }
            top.clear();
            for (int t = 0; t < touchedCount; t++) {
                int v = touched[t];
                if (v != u) {
                    float similarity = w == 0.0 ? dot[v] : (float) ((1.0 - w) * dot[v] + w * profiles.similarity(u, v));
                    if (similarity > 0f) {
                        top.offer(v, similarity);
                    }
                }
                dot[v] = 0f;
                seen[v] = false;
            }
            int n = top.drainBestFirst(outNeighbours, outSimilarities, u * k);
            for (int r = 0; r < n; r++) {
                checksum += outSimilarities[u * k + r];
            }
        }
        return checksum;
    }
}
