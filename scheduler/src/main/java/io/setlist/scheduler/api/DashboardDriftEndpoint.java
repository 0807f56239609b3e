package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.sql.dashboard.MetricHistory;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /v1/admin/dashboard/drift?days=N} (admin): the Drift panel. What the completion stage recorded in
 * {@code run_metrics} on its last N business dates (1..120, default 30; else 400 naming {@code days}): PSI per
 * feature (last week vs the earlier weeks of its window), the maximum, and the AUC of the new-vs-old classifier,
 * with the alert lines: PSI {@value #PSI_ALERT} (the usual rule of thumb: below 0.1 stable, 0.1-0.25 moderate,
 * above 0.25 a shift; see {@code DriftCheck}) and AUC {@value #AUC_ALERT} (0.5 = the weeks cannot be told apart).
 *
 * <ul>
 *   <li>200: {@code {psiAlert, aucAlert, features: [..], dates: [{businessDate, psiMax?, auc?, modelVersion?,
 *       psi: {feature: value}}]}} oldest first; values the stage could not compute (too few rows) are absent</li>
 * </ul>
 */
final class DashboardDriftEndpoint implements Handler {
    static final String PATH = "/v1/admin/dashboard/drift";
    static final String JOB = "completion";
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 120;
    static final double PSI_ALERT = 0.25;
    static final double AUC_ALERT = 0.6;

    private final DataSource warehouse;

    DashboardDriftEndpoint(DataSource warehouse) {
        this.warehouse = warehouse;
    }

    record Day(String businessDate, Double psiMax, Double auc, Integer modelVersion, Map<String, Double> psi) {
    }

    record Response(double psiAlert, double aucAlert, List<String> features, List<Day> dates) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.ADMIN, "Drift panel: PSI per feature, max PSI and the new-vs-old AUC of "
                + "the completion stage's last N dates, with the alert lines", this, op -> op
                .returnsObject().intQuery("days", 1, MAX_DAYS, DEFAULT_DAYS)
                .errors(400, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of("days"));
        int days = Limit.parse(ctx.queryParam("days"), DEFAULT_DAYS, MAX_DAYS, "days");
        Set<String> features = new TreeSet<>();
        List<Day> dates = new ArrayList<>();
        for (Map.Entry<LocalDate, Map<String, Double>> e : new MetricHistory(warehouse).lastDays(JOB, days).entrySet()) {
            Map<String, Double> psi = new TreeMap<>();
            e.getValue().forEach((metric, value) -> {
                if (metric.startsWith("psi:")) {
                    psi.put(metric.substring(4), value);
                    features.add(metric.substring(4));
                }
            });
            Double version = e.getValue().get("model_version");
            dates.add(new Day(e.getKey().toString(), e.getValue().get("psi_max"),
                    e.getValue().get("drift_new_vs_old_auc"), version == null ? null : version.intValue(), psi));
        }
        ctx.json(new Response(PSI_ALERT, AUC_ALERT, List.copyOf(features), dates));
    }
}
