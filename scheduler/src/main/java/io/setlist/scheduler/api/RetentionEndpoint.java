package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.sql.retention.RetentionMatrix;
import io.setlist.sql.retention.RetentionMatrix.CohortBy;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code GET /v1/retention?from=YYYY-MM-DD&to=YYYY-MM-DD&by=day|week}: the cohort retention matrix of the users who
 * first installed on {@code from} .. {@code to}, read from the rollups as the last daily run (or import) left them.
 *
 * <ul>
 *   <li>{@code from}, {@code to}: required dates between 1970-01-01 and 9999-12-31 ({@link ApiDates}),
 *       {@code from <= to}, at most 366 days apart; otherwise 400 naming the parameter</li>
 *   <li>{@code by}: {@code day} (default; periods are days 1..30 after install) or {@code week} (weeks 1..12);
 *       anything else → 400 naming {@code by}</li>
 *   <li>200: {@code {from, to, by, periods, cohorts: [{start, size, exact: [..], rolling: [..], exactRate: [..],
 *       rollingRate: [..]}]}}; {@code exact[n-1]} counts the cohort's users active in period n, {@code rolling[n-1]}
 *       those active in period n or later; cohorts without installs are absent</li>
 * </ul>
 */
final class RetentionEndpoint implements Handler {
    static final String PATH = "/v1/retention";
    static final int MAX_SPAN_DAYS = 366;

    private final RetentionMatrix matrix;

    RetentionEndpoint(DataSource warehouse) {
        this.matrix = new RetentionMatrix(warehouse);
    }

    record CohortView(String start, long size, long[] exact, long[] rolling, double[] exactRate, double[] rollingRate) {
    }

    record Response(String from, String to, String by, int periods, List<CohortView> cohorts) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.READ, "Cohort retention matrix from the rollups (classic and rolling)", this,
                op -> op.returnsObject()
                        .dateQuery("from", ApiDates.RANGE).dateQuery("to", ApiDates.RANGE)
                        .enumQuery("by", "day", "week")
                        .errors(400, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, java.util.Set.of("from", "to", "by"));
        LocalDate from = date(ctx, "from");
        LocalDate to = date(ctx, "to");
        if (to.isBefore(from)) {
            throw ApiError.badParameter("to", "to (" + to + ") must not be before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_SPAN_DAYS) {
            throw ApiError.badParameter("to", "from .. to may span at most " + MAX_SPAN_DAYS + " days");
        }
        String byParam = ctx.queryParam("by") == null ? "day" : ctx.queryParam("by");
        CohortBy by;
        try {
            by = CohortBy.parse(byParam);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter("by", "by must be day or week, got '" + Limit.truncate(byParam) + "'");
        }
        List<CohortView> cohorts = matrix.compute(from, to, by).stream().map(c -> {
            double[] exactRate = new double[by.periods()];
            double[] rollingRate = new double[by.periods()];
            for (int n = 1; n <= by.periods(); n++) {
                exactRate[n - 1] = c.exactRate(n);
                rollingRate[n - 1] = c.rollingRate(n);
            }
            return new CohortView(c.start().toString(), c.size(), c.exact(), c.rolling(), exactRate, rollingRate);
        }).toList();
        ctx.json(new Response(from.toString(), to.toString(), by.label(), by.periods(), cohorts));
    }

    private static LocalDate date(Context ctx, String name) {
        return ApiDates.parse(name, ctx.queryParam(name));
    }
}
