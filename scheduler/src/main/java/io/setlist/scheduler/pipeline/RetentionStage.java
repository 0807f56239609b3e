package io.setlist.scheduler.pipeline;

import io.setlist.sql.retention.CohortRetention;
import io.setlist.sql.retention.RetentionMatrix;
import io.setlist.sql.retention.RetentionMatrix.CohortBy;
import io.setlist.sql.retention.Rollups;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.List;

/**
 * Brings the retention rollups up to date (only the days new events fell on), then stores for the business date:
 * day 1..7 retention of the install cohort whose seventh day is the business date (the newest cohort whose window
 * is complete, so the figure never changes once computed), and the cohort matrices of the last 30 install days
 * (days 1..30) and the last 12 install weeks (weeks 1..12), read from the rollups.
 */
public final class RetentionStage implements Stage {
    static final int WINDOW_DAYS = 7;

    private final CohortRetention retention;
    private final RetentionMatrix matrix;
    private final Rollups rollups;

    public RetentionStage(DataSource warehouse) {
        this.retention = new CohortRetention(warehouse);
        this.matrix = new RetentionMatrix(warehouse);
        this.rollups = new Rollups(warehouse);
    }

    @Override
    public String job() {
        return "retention";
    }

    @Override
    public Outcome run(RunContext context) {
        LocalDate date = context.businessDate();
        Rollups.Refresh refresh = rollups.refresh();
        LocalDate install = date.minusDays(WINDOW_DAYS);
        CohortRetention.Result r = retention.computeFromRollups(install, 1, WINDOW_DAYS);
        retention.store(date, r);
        List<RetentionMatrix.Cohort> days = matrix.compute(date.minusDays(CohortBy.DAY.periods()), date, CohortBy.DAY);
        matrix.store(date, CohortBy.DAY, days);
        List<RetentionMatrix.Cohort> weeks = matrix.compute(date.minusWeeks(CohortBy.WEEK.periods()), date,
                CohortBy.WEEK);
        matrix.store(date, CohortBy.WEEK, weeks);
        return new Outcome(refresh.days(), 1 + days.size() + weeks.size(), String.format(
                "rollups +%d days; cohort of %s: %d users, %d active on days 1-%d (%.1f%%); matrix: %d day and %d "
                        + "week cohorts", refresh.days(), install, r.cohortSize(), r.retained(), WINDOW_DAYS,
                100 * r.rate(), days.size(), weeks.size()));
    }
}
