package io.setlist.infra.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Synthetic runs whose every artist name carries a tag, so a test can tell runs apart item by item. */
final class TestRuns {
    private TestRuns() {
    }

    static CurrentRun run(String runId) {
        return new CurrentRun(runId, LocalDate.parse(runId.substring(0, 10)), Instant.parse("2026-11-02T03:00:00Z"), 0,
                List.of());
    }

    static UserRecommendations user(int u, String tag, int recs) {
        List<RecommendedArtist> items = new ArrayList<>(recs);
        for (int r = 1; r <= recs; r++) {
            items.add(new RecommendedArtist(r, "a" + (u + r), tag + " artist " + r, 1.0 / r));
        }
        return new UserRecommendations("u" + u, "neighbours", items);
    }

    static List<CachePriority> tier(int n, String tag) {
        List<CachePriority> out = new ArrayList<>(n);
        for (int r = 1; r <= n; r++) {
            out.add(new CachePriority(r, tag + "-t" + r, 0.5, 1.0 / r));
        }
        return out;
    }

    static RunPublisher.Report publish(RunPublisher publisher, String runId, String tag, int users, int recs,
                                       int tracks) {
        try (RunPublisher.Session session = publisher.open(run(runId))) {
            for (int u = 0; u < users; u++) {
                session.add(user(u, tag, recs));
            }
            session.cacheTier("hot", tier(tracks, tag));
            return session.commit();
        }
    }
}
