package io.setlist.scheduler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.predictions.AbReport;
import io.setlist.sql.predictions.PredictionLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code setlist ab-report}: each variant's accuracy on the plays it predicted, with a 95% interval. */
@Command(name = "ab-report", mixinStandardHelpOptions = true,
        description = "Join served predictions (prediction_log) to what happened (the PLAY at that user, track and "
                + "time, skipped if a SKIP closed it in its session) and report each variant's accuracy at its "
                + "model's threshold with a 95%% Wilson interval, log-loss and AUC.")
final class AbReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StartupConfig startup;

    @Option(names = "--from", description = "First day of play times, YYYY-MM-DD (UTC; default: all).")
    LocalDate from;

    @Option(names = "--to", description = "Last day of play times, inclusive (UTC; default: all).")
    LocalDate to;

    @Option(names = "--format", defaultValue = "table", description = "table | json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be table or json, got '" + format + "'");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        Instant start = from == null ? Instant.parse("1970-01-01T00:00:00Z") : from.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = to == null ? Instant.parse("9999-01-01T00:00:00Z")
                : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<AbReport.Row> rows;
        try (Backends backends = Backends.open(startup.get())) {
            rows = AbReport.of(new PredictionLog(backends.warehouse()).observed(start, end));
        }
        if (format.equals("json")) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode out = json.createObjectNode();
            out.put("from", from == null ? null : from.toString());
            out.put("to", to == null ? null : to.toString());
            ArrayNode variants = out.putArray("variants");
            for (AbReport.Row r : rows) {
                ObjectNode v = variants.addObject();
                v.put("variant", r.variant()).put("versions", r.versions()).put("served", r.served())
                        .put("observed", r.observed()).put("correct", r.correct());
                number(v, "accuracy", r.accuracy());
                number(v, "accuracyLow95", r.ciLow());
                number(v, "accuracyHigh95", r.ciHigh());
                number(v, "logLoss", r.logLoss());
                number(v, "auc", r.auc());
            }
            System.out.println(json.writeValueAsString(out));
            return 0;
        }
        if (rows.isEmpty()) {
            System.out.println("no served predictions with play times in the window");
            return 0;
        }
        System.out.printf("%-18s %-10s %8s %8s %9s %17s %9s %7s%n", "variant", "versions", "served", "observed",
                "accuracy", "95% CI (Wilson)", "log-loss", "AUC");
        for (AbReport.Row r : rows) {
            System.out.printf("%-18s %-10s %8d %8d %8.2f%% %7.2f-%6.2f%% %9.4f %7.4f%n", r.variant(), r.versions(),
                    r.served(), r.observed(), 100 * r.accuracy(), 100 * r.ciLow(), 100 * r.ciHigh(), r.logLoss(),
                    r.auc());
        }
        return 0;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
