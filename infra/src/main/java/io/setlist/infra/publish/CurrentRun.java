package io.setlist.infra.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the run pointer says: the run readers are served from. */
public record CurrentRun(String runId, LocalDate businessDate, Instant generatedAt, long users, List<String> tiers) {
}
