package io.setlist.scheduler.cli;

import io.setlist.scheduler.pipeline.DailyPipeline;

import java.util.List;

/** Prints what each stage of a run did, one line each. */
public final class StageTable {
    private StageTable() {
    }

    public static void print(List<DailyPipeline.StageReport> reports) {
        for (DailyPipeline.StageReport r : reports) {
            if (r.skipped()) {
                System.out.printf("  %s %-11s skipped: %s%n", r.businessDate(), r.job(), r.summary());
            } else {
                System.out.printf("  %s %-11s %6.1f s  %s%n", r.businessDate(), r.job(), r.seconds(), r.summary());
            }
        }
    }
}
