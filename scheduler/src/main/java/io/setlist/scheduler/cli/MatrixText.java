package io.setlist.scheduler.cli;

import io.setlist.sql.retention.RetentionMatrix;

import java.util.List;
import java.util.Locale;

/** The retention matrix as a table (rates, classic over rolling), JSON or CSV (one row per cohort and period). */
final class MatrixText {
    private MatrixText() {
    }

    static String render(List<RetentionMatrix.Cohort> cohorts, RetentionMatrix.CohortBy by, String format) {
        return switch (format) {
            case "json" -> json(cohorts, by);
            case "csv" -> csv(cohorts, by);
            default -> table(cohorts, by);
        };
    }

    private static String table(List<RetentionMatrix.Cohort> cohorts, RetentionMatrix.CohortBy by) {
        StringBuilder sb = new StringBuilder();
        String unit = by == RetentionMatrix.CohortBy.DAY ? "d" : "w";
        sb.append(String.format("%-10s %8s", "cohort", "users"));
        for (int n = 1; n <= by.periods(); n++) {
            sb.append(String.format(" %11s", unit + n));
        }
        sb.append("\n");
        for (RetentionMatrix.Cohort c : cohorts) {
            sb.append(String.format("%-10s %,8d", c.start(), c.size()));
            for (int n = 1; n <= by.periods(); n++) {
                sb.append(String.format(Locale.ROOT, " %5.1f/%5.1f", 100 * c.exactRate(n), 100 * c.rollingRate(n)));
            }
            sb.append("\n");
        }
        sb.append("each cell: % active on exactly that ").append(by.label()).append(" / % active then or later\n");
        return sb.toString();
    }

    private static String csv(List<RetentionMatrix.Cohort> cohorts, RetentionMatrix.CohortBy by) {
        StringBuilder sb = new StringBuilder("cohort_by,cohort_start,cohort_size,period,active_exact,active_rolling,"
                + "exact_rate,rolling_rate\n");
        for (RetentionMatrix.Cohort c : cohorts) {
            for (int n = 1; n <= by.periods(); n++) {
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%.4f,%.4f%n", by.label(), c.start(), c.size(),
                        n, c.exact()[n - 1], c.rolling()[n - 1], c.exactRate(n), c.rollingRate(n)));
            }
        }
        return sb.toString();
    }

    private static String json(List<RetentionMatrix.Cohort> cohorts, RetentionMatrix.CohortBy by) {
        StringBuilder sb = new StringBuilder("{\"by\":\"" + by.label() + "\",\"periods\":" + by.periods()
                + ",\"cohorts\":[");
        for (int i = 0; i < cohorts.size(); i++) {
            RetentionMatrix.Cohort c = cohorts.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"start\":\"").append(c.start()).append("\",\"size\":")
                    .append(c.size()).append(",\"exact\":").append(array(c.exact())).append(",\"rolling\":")
                    .append(array(c.rolling())).append('}');
        }
        return sb.append("]}\n").toString();
    }

    private static String array(long[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        return sb.append(']').toString();
    }
}
