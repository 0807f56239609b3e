package io.setlist.recommender.completion.model;

import io.setlist.recommender.completion.FeatureTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemporalEvaluationTest {
    private static final long DAY = 86_400_000L;

    @Test
    void crossValidationFoldsEndWhereTheTestWindowStarts() {
        FeatureTable drawn = SyntheticTables.draw(3_000, 11);
        long[] ts = new long[drawn.rows()];
        for (int r = 0; r < ts.length; r++) {
            ts[r] = r * (60 * DAY / ts.length); // 60 days of plays, in time order
        }
        FeatureTable table = new FeatureTable(drawn.names(), drawn.x(), drawn.completed(), ts, drawn.user(),
                drawn.track());

        TemporalEvaluation.Report report = TemporalEvaluation.evaluate(table, 7, 7, 3, ModelSelection.Grid.small());

        assertThat(report.folds()).isEqualTo(3);
        long testFrom = report.windows().testFrom();
        long previousEnd = Long.MIN_VALUE;
        for (TemporalEvaluation.Windows fold : report.foldWindows()) {
            // no fold tests on (or trains on) the holdout test window, and folds are consecutive, oldest first
            assertThat(fold.to()).isLessThanOrEqualTo(testFrom);
            if (previousEnd != Long.MIN_VALUE) {
                assertThat(fold.testFrom()).isEqualTo(previousEnd);
            }
            previousEnd = fold.to();
        }
        assertThat(previousEnd).isEqualTo(testFrom);
        for (TemporalEvaluation.ModelResult m : report.models()) {
            assertThat(m.folds()).hasSize(3);
        }
    }
}
