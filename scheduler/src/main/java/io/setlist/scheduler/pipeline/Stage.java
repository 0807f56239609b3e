package io.setlist.scheduler.pipeline;

import java.time.LocalDate;

/**
 * One step of the daily pipeline. A stage reads its input from the warehouse or DynamoDB and writes its output
 * there too, never handing data to the next stage in memory: each can run alone, on another node, or again.
 */
public interface Stage {
    /** The job name in the run ledger and on the command line. */
    String job();

    Outcome run(RunContext context);

    /** Jobs whose output for the same date this stage reads; a scheduled run waits until they succeeded. */
    default java.util.List<String> inputs() {
        return java.util.List.of();
    }

    /**
     * What a stage did: rows read and written, and one line for people. {@code skipped}: the stage ran and chose not
     * to act (the summary says why); the ledger records it as SKIPPED, not SUCCEEDED.
     */
    record Outcome(long rowsIn, long rowsOut, String summary, boolean skipped) {
        public Outcome(long rowsIn, long rowsOut, String summary) {
            this(rowsIn, rowsOut, summary, false);
        }

        /** The stage did nothing, for {@code reason}. */
        public static Outcome skipped(String reason) {
            return new Outcome(0, 0, reason, true);
        }
    }

    /** The business date being computed and the run it belongs to. */
    record RunContext(LocalDate businessDate, String runId, java.time.Instant startedAt) {
    }
}
