package io.setlist.lab.bench;

import io.setlist.infra.publish.CachePriority;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.infra.publish.RecommendedArtist;
import io.setlist.infra.publish.RunPublisher;
import io.setlist.infra.publish.UserRecommendations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic run of the production shape for benchmarks: {@code users} users named {@code u0000000}…, each
 * with {@code recommendations} artists (keys and names of realistic length from a catalogue of 50,000 artists),
 * plus a hot tier of 5,000 tracks. Generated while publishing, so memory stays flat.
 */
public final class SyntheticRun {
    private static final int CATALOGUE = 50_000;
    private static final String[] WORDS = {"Velvet", "Echo", "Northern", "Paper", "Lights", "Static", "Harbour",
            "Silver", "Machine", "Garden", "Midnight", "Orchestra", "Wolves", "Canyon", "Radio", "Saints"};

    private SyntheticRun() {
    }

    public static String userKey(int user) {
        return String.format("u%07d", user);
    }

    static String artistName(int artist) {
        return WORDS[artist % WORDS.length] + " " + WORDS[(artist / WORDS.length) % WORDS.length] + " " + artist;
    }

    static UserRecommendations user(int user, int recommendations) {
        SplittableRandom random = new SplittableRandom(user * 0x9E3779B97F4A7C15L);
        List<RecommendedArtist> items = new ArrayList<>(recommendations);
        double score = 1.0;
        for (int r = 1; r <= recommendations; r++) {
            int artist = random.nextInt(CATALOGUE);
            score *= 0.9 + 0.1 * random.nextDouble();
            // Scores are single precision, as in the warehouse (recommendations.score is real).
            items.add(new RecommendedArtist(r, String.format("a%06d", artist), artistName(artist), (float) score));
        }
        return new UserRecommendations(userKey(user), user % 10 == 0 ? "segment" : "neighbours", items);
    }

    /** Publishes the run through {@code publisher}; returns its report. */
    public static RunPublisher.Report publish(RunPublisher publisher, String runId, int users, int recommendations) {
        CurrentRun run = new CurrentRun(runId, LocalDate.parse(runId.substring(0, 10)), Instant.now(), 0, List.of());
        try (RunPublisher.Session session = publisher.open(run)) {
            for (int u = 0; u < users; u++) {
                session.add(user(u, recommendations));
            }
            List<CachePriority> hot = new ArrayList<>(5_000);
            for (int r = 1; r <= 5_000; r++) {
                hot.add(new CachePriority(r, String.format("t%07d", r * 7), 0.6, 100.0 / r));
            }
            session.cacheTier("hot", hot);
            return session.commit();
        }
    }
}
