package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.sql.dashboard.WarehouseLookups;
import io.setlist.sql.retention.RetentionMatrix;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/admin/dashboard/retention?by=day|week} (admin): the Retention panel. The cohort matrix of the
 * newest cohorts in the rollups: 30 day cohorts (periods = days 1..30) or 12 week cohorts (weeks 1..12), classic
 * ({@code exact}: active in that period) and rolling (active in that period or later), as shares of the cohort.
 *
 * <ul>
 *   <li>{@code by}: {@code day} (default) or {@code week}; anything else → 400 naming {@code by}</li>
 *   <li>200: {@code {by, from, to, periods, cohorts: [{start, size, observed, exactRate: [..], rollingRate: [..]}]}}
 *       oldest cohort first; {@code observed} is how many periods have ended by {@code to} (the newest install
 *       day), later periods are not yet known and read 0; no cohorts before the first retention run</li>
 * </ul>
 */
final class DashboardRetentionEndpoint implements Handler {
    static final String PATH = "/v1/admin/dashboard/retention";
    static final int DAY_COHORTS = 30;
    static final int WEEK_COHORTS = 12;

    private final DataSource warehouse;

    DashboardRetentionEndpoint(DataSource warehouse) {
        this.warehouse = warehouse;
    }

    record Cohort(String start, long size, int observed, double[] exactRate, double[] rollingRate) {
    }

    record Response(String by, String from, String to, int periods, List<Cohort> cohorts) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.ADMIN, "Retention panel: the newest 30 day or 12 week cohorts, classic "
                + "and rolling rates per period, and how many periods are observed", this, op -> op
                .returnsObject().enumQuery("by", "day", "week")
                .errors(400, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of("by"));
        String raw = ctx.queryParam("by");
        RetentionMatrix.CohortBy by;
        if (raw == null || raw.equals("day")) {
            by = RetentionMatrix.CohortBy.DAY;
        } else if (raw.equals("week")) {
            by = RetentionMatrix.CohortBy.WEEK;
        } else {
            throw ApiError.badParameter("by", "by must be day or week, got '" + Limit.truncate(raw) + "'");
        }
        var newest = new WarehouseLookups(warehouse).newestInstallDay();
        if (newest.isEmpty()) {
            ctx.json(new Response(by.label(), null, null, by.periods(), List.of()));
            return;
        }
        LocalDate to = newest.get();
        LocalDate from = by == RetentionMatrix.CohortBy.DAY ? to.minusDays(DAY_COHORTS - 1)
                : to.minusWeeks(WEEK_COHORTS - 1).with(java.time.DayOfWeek.MONDAY);
        List<Cohort> cohorts = new ArrayList<>();
        for (RetentionMatrix.Cohort c : new RetentionMatrix(warehouse).compute(from, to, by)) {
            long days = ChronoUnit.DAYS.between(c.start(), to);
            int observed = (int) Math.min(by.periods(), by == RetentionMatrix.CohortBy.DAY ? days : (days - 6) / 7);
            double[] exact = new double[by.periods()];
            double[] rolling = new double[by.periods()];
            for (int p = 1; p <= by.periods(); p++) {
                exact[p - 1] = c.exactRate(p);
                rolling[p - 1] = c.rollingRate(p);
            }
            cohorts.add(new Cohort(c.start().toString(), c.size(), Math.max(0, observed), exact, rolling));
        }
        ctx.json(new Response(by.label(), from.toString(), to.toString(), by.periods(), cohorts));
    }
}
