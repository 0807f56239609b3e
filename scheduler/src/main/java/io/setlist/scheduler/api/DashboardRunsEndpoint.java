package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.infra.publish.CurrentRun;
import io.setlist.sql.runs.RunLedger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /v1/admin/dashboard/runs?days=N} (admin): the dashboard's Runs panel. The run ledger of the last N
 * business dates (1..60, default 14; anything else → 400 naming {@code days}) laid out date × stage, and the
 * run this node serves readers from ({@link RunServing}), with its age against {@code SETLIST_MAX_RUN_AGE_HOURS}.
 *
 * <ul>
 *   <li>200: {@code {jobs: [..], maxRunAgeHours, current: {runId, businessDate, generatedAt, users, ageHours,
 *       stale}?, dates: [{businessDate, stages: [{job, status, attempt, retries, startedAt, finishedAt, seconds,
 *       rowsIn, rowsOut, summary, error}]}]}}, newest date first; {@code current} is absent until this node
 *       serves a run (none published yet, or the first one still loading); {@code retries} is attempt - 1; {@code seconds} is absent while a stage runs</li>
 * </ul>
 */
final class DashboardRunsEndpoint implements Handler {
    static final String PATH = "/v1/admin/dashboard/runs";
    static final int DEFAULT_DAYS = 14;
    static final int MAX_DAYS = 60;

    private final RunLedger ledger;
    private final List<String> jobs;
    private final RunServing current;
    private final Duration maxRunAge;

    DashboardRunsEndpoint(RunLedger ledger, List<String> jobs, RunServing current, Duration maxRunAge) {
        this.ledger = ledger;
        this.jobs = List.copyOf(jobs);
        this.current = current;
        this.maxRunAge = maxRunAge;
    }

    record Stage(String job, String status, int attempt, int retries, String startedAt, String finishedAt,
                 Double seconds, Long rowsIn, Long rowsOut, String summary, String error) {
    }

    record Day(String businessDate, List<Stage> stages) {
    }

    record Current(String runId, String businessDate, String generatedAt, long users, double ageHours,
                   boolean stale) {
    }

    record Response(List<String> jobs, double maxRunAgeHours, Current current, List<Day> dates) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.ADMIN, "Runs panel: the ledger of the last N business dates × stages "
                + "(status, seconds, rows, retries, errors) and the published run's age against "
                + "SETLIST_MAX_RUN_AGE_HOURS", this, op -> op
                .returnsObject().intQuery("days", 1, MAX_DAYS, DEFAULT_DAYS)
                .errors(400, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of("days"));
        int days = Limit.parse(ctx.queryParam("days"), DEFAULT_DAYS, MAX_DAYS, "days");
        // (job, date) is the ledger's key, so N dates hold at most N × jobs rows; re-runs replace their row.
        Map<LocalDate, List<Stage>> byDate = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (RunLedger.Entry e : ledger.latest(null, days * Math.max(1, jobs.size()) * 2)) {
            if (!byDate.containsKey(e.businessDate()) && byDate.size() == days) {
                continue;
            }
            Double seconds = e.finishedAt() == null ? null
                    : Duration.between(e.startedAt(), e.finishedAt()).toMillis() / 1000.0;
            byDate.computeIfAbsent(e.businessDate(), d -> new ArrayList<>()).add(new Stage(e.job(), e.status(),
                    e.attempt(), e.attempt() - 1, e.startedAt().toString(),
                    e.finishedAt() == null ? null : e.finishedAt().toString(), seconds, e.rowsIn(), e.rowsOut(),
                    e.summary(), e.error()));
        }
        List<Day> dates = new ArrayList<>();
        byDate.forEach((date, stages) -> {
            stages.sort(java.util.Comparator.comparingInt(s -> order(s.job())));
            dates.add(new Day(date.toString(), stages));
        });
        Current run = java.util.Optional.ofNullable(current.state().serving()).map(ServedRun::run).map(this::describe)
                .orElse(null);
        ctx.json(new Response(jobs, maxRunAge.toMinutes() / 60.0, run, dates));
    }

    private Current describe(CurrentRun run) {
        Duration age = Duration.between(run.generatedAt(), Instant.now());
        return new Current(run.runId(), run.businessDate().toString(), run.generatedAt().toString(), run.users(),
                Math.round(age.toMinutes() / 6.0) / 10.0, age.compareTo(maxRunAge) > 0);
    }

    private int order(String job) {
        int i = jobs.indexOf(job);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
