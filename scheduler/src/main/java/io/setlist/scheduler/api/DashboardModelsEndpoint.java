package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.dashboard.ModelDiagnostics;
import io.setlist.scheduler.predictions.AbReport;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.sql.models.ModelRegistry;
import io.setlist.sql.predictions.PredictionLog;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/admin/dashboard/models} (admin): the Completion model panel. The completion model's versions with
 * their metrics and changelog, the champion; calibration (mean predicted vs observed rate per probability decile)
 * and ROC points of the champion and of the newest challenger on their own evaluation windows
 * ({@link ModelDiagnostics}); and the A/B report over every served prediction (as {@code ab-report}).
 *
 * <ul>
 *   <li>200: {@code {model, champion?, versions: [{version, algorithm, createdAt, changelog, champion, rows,
 *       accuracy, balancedAccuracy, auc?, logLoss, brier}], curves: [{role: champion|challenger, version, rows, auc?,
 *       threshold, calibration: [{from, to, rows, meanPredicted, observedRate}], fpr: [..], tpr: [..]}],
 *       ab: [{variant, versions, served, observed, correct, accuracy?, accuracyLow95?, accuracyHigh95?, logLoss?,
 *       auc?}]}}. No parameters.</li>
 * </ul>
 */
final class DashboardModelsEndpoint implements Handler {
    static final String PATH = "/v1/admin/dashboard/models";

    private final DataSource warehouse;
    private final ModelRegistry registry;
    private final ModelDiagnostics diagnostics;

    DashboardModelsEndpoint(DataSource warehouse) {
        this.warehouse = warehouse;
        this.registry = new ModelRegistry(warehouse);
        this.diagnostics = new ModelDiagnostics(warehouse);
    }

    record Version(int version, String algorithm, String createdAt, String changelog, boolean champion, int rows,
                   double accuracy, double balancedAccuracy, Double auc, double logLoss, double brier) {
    }

    record Bin(double from, double to, int rows, double meanPredicted, double observedRate) {
    }

    record Curves(String role, int version, int rows, Double auc, double threshold, List<Bin> calibration,
                  double[] fpr, double[] tpr) {
    }

    record Variant(String variant, String versions, long served, long observed, long correct, Double accuracy,
                   Double accuracyLow95, Double accuracyHigh95, Double logLoss, Double auc) {
    }

    record Response(String model, Integer champion, List<Version> versions, List<Curves> curves, List<Variant> ab) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.ADMIN, "Completion model panel: versions, metrics, changelog, champion; "
                + "calibration and ROC of the champion and the newest challenger; the A/B report", this, op -> op
                .returnsObject()
                .errors(400, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, Set.of());
        List<ModelRegistry.Version> all = registry.versions(CompletionModels.NAME);
        List<Version> versions = all.stream().sorted(Comparator.comparingInt(ModelRegistry.Version::version).reversed())
                .map(v -> new Version(v.version(), v.algorithm(), v.createdAt().toString(), v.changelog(),
                        v.champion(), v.metrics().rows(), v.metrics().accuracy(), v.metrics().balancedAccuracy(),
                        finite(v.metrics().auc()), v.metrics().logLoss(), v.metrics().brier())).toList();
        Optional<ModelRegistry.Version> champion = all.stream().filter(ModelRegistry.Version::champion).findFirst();
        Optional<ModelRegistry.Version> challenger = all.stream().filter(v -> !v.champion())
                .max(Comparator.comparingInt(ModelRegistry.Version::version));
        List<Curves> curves = new ArrayList<>();
        champion.flatMap(diagnostics::of).ifPresent(c -> curves.add(curves("champion", c)));
        challenger.flatMap(diagnostics::of).ifPresent(c -> curves.add(curves("challenger", c)));
        List<Variant> ab = AbReport.of(new PredictionLog(warehouse).observed(Instant.EPOCH,
                Instant.parse("9999-01-01T00:00:00Z"))).stream().map(r -> new Variant(r.variant(), r.versions(),
                r.served(), r.observed(), r.correct(), finite(r.accuracy()), finite(r.ciLow()), finite(r.ciHigh()),
                finite(r.logLoss()), finite(r.auc()))).toList();
        ctx.json(new Response(CompletionModels.NAME, champion.map(ModelRegistry.Version::version).orElse(null),
                versions, curves, ab));
    }

    private static Curves curves(String role, ModelDiagnostics.Curves c) {
        return new Curves(role, c.version(), c.rows(), finite(c.auc()), c.threshold(), c.calibration().stream()
                .map(b -> new Bin(b.from(), b.to(), b.rows(), b.meanPredicted(), b.observedRate())).toList(),
                c.fpr(), c.tpr());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
