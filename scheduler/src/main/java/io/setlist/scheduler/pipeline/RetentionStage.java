package io.setlist.scheduler.pipeline;

import io.setlist.sql.retention.CohortRetention;

import javax.sql.DataSource;
import java.time.LocalDate;

/**
 * Day 1..7 retention of the install cohort whose seventh day is the business date: the newest cohort whose
 * window is complete, so the figure never changes once computed.
 */
public final class RetentionStage implements Stage {
    static final int WINDOW_DAYS = 7;

    private final CohortRetention retention;

    public RetentionStage(DataSource warehouse) {
        this.retention = new CohortRetention(warehouse);
    }

    @Override
    public String job() {
        return "retention";
    }

    @Override
    public Outcome run(RunContext context) {
        LocalDate install = context.businessDate().minusDays(WINDOW_DAYS);
        CohortRetention.Result r = retention.compute(install, 1, WINDOW_DAYS);
        retention.store(context.businessDate(), r);
        return new Outcome(r.cohortSize(), 1, String.format("cohort of %s: %d users, %d active on days 1-%d (%.1f%%)",
                install, r.cohortSize(), r.retained(), WINDOW_DAYS, 100 * r.rate()));
    }
}
