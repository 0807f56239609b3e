package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.setlist.scheduler.auth.Scope;
import io.setlist.sql.models.ModelRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/models}: every registered model with its versions, metrics and champion.
 *
 * <ul>
 *   <li>200: {@code {models: [{name, champion, versions: [{version, algorithm, parameters, trainFrom, trainTo,
 *       evalFrom, evalTo, threshold, metrics: {rows, accuracy, balancedAccuracy, auc, logLoss, brier}, changelog,
 *       createdAt, champion}]}]}}; {@code champion} is the champion's version, absent when there is none;
 *       {@code auc} is absent when the evaluation window held one class only. No query parameters.</li>
 * </ul>
 */
final class ModelsEndpoint implements Handler {
    static final String PATH = "/v1/models";

    private final ModelRegistry registry;

    ModelsEndpoint(ModelRegistry registry) {
        this.registry = registry;
    }

    record Metrics(int rows, double accuracy, double balancedAccuracy, Double auc, double logLoss, double brier) {
    }

    record Version(int version, String algorithm, String parameters, String trainFrom, String trainTo,
                   String evalFrom, String evalTo, double threshold, Metrics metrics, String changelog,
                   String createdAt, boolean champion) {
    }

    record Model(String name, Integer champion, List<Version> versions) {
    }

    record Response(List<Model> models) {
    }

    /** This route as {@link ApiRoutes} serves and documents it. */
    Route route() {
        return Route.get(PATH, Scope.READ, "Registered completion-model versions with metrics and the champion",
                this, op -> op.returnsObject().errors(400, 503));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, java.util.Set.of());
        Map<String, List<Version>> byName = new LinkedHashMap<>();
        Map<String, Integer> champions = new LinkedHashMap<>();
        for (ModelRegistry.Version v : registry.versions(null)) {
            ModelRegistry.Metrics m = v.metrics();
            byName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(new Version(v.version(), v.algorithm(),
                    v.parameters(), v.trainFrom().toString(), v.trainTo().toString(), v.evalFrom().toString(),
                    v.evalTo().toString(), v.threshold(), new Metrics(m.rows(), m.accuracy(), m.balancedAccuracy(),
                    Double.isNaN(m.auc()) ? null : m.auc(), m.logLoss(), m.brier()), v.changelog(),
                    v.createdAt().toString(), v.champion()));
            if (v.champion()) {
                champions.put(v.name(), v.version());
            }
        }
        List<Model> models = new ArrayList<>();
        byName.forEach((name, versions) -> models.add(new Model(name, champions.get(name), versions)));
        ctx.json(new Response(models));
    }
}
