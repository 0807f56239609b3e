package io.setlist.recommender.completion.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RocCurveTest {
    /** Trapezoid area under the polyline. */
    private static double area(RocCurve.Points c) {
        double a = 0;
        for (int i = 1; i < c.fpr().length; i++) {
            a += (c.fpr()[i] - c.fpr()[i - 1]) * (c.tpr()[i] + c.tpr()[i - 1]) / 2;
        }
        return a;
    }

    @Test
    void areaUnderTheUnthinnedCurveIsTheAucWithTiesCountedHalf() {
        Random random = new Random(7);
        int n = 2_000;
        double[] p = new double[n];
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (random.nextDouble() < 0.4 ? 1 : 0);
            // Rounded scores make many ties.
            p[i] = Math.round((0.3 * y[i] + 0.7 * random.nextDouble()) * 20) / 20.0;
        }
        RocCurve.Points curve = RocCurve.of(p, y, n + 1);
        assertThat(curve.fpr()[0]).isZero();
        assertThat(curve.tpr()[0]).isZero();
        assertThat(curve.fpr()[curve.fpr().length - 1]).isEqualTo(1.0);
        assertThat(curve.tpr()[curve.tpr().length - 1]).isEqualTo(1.0);
        assertThat(area(curve)).isCloseTo(BinaryMetrics.of(p, y, 0.5).auc(), within(1e-12));
    }

    @Test
    void thinnedCurveKeepsBothEndsAndStaysMonotone() {
        double[] p = new double[1000];
        byte[] y = new byte[1000];
        for (int i = 0; i < p.length; i++) {
            p[i] = i / 1000.0;
            y[i] = (byte) (i % 3 == 0 ? 1 : 0);
        }
        RocCurve.Points curve = RocCurve.of(p, y, 11);
        assertThat(curve.fpr()).hasSize(11);
        assertThat(curve.fpr()[10]).isEqualTo(1.0);
        for (int i = 1; i < 11; i++) {
            assertThat(curve.fpr()[i]).isGreaterThanOrEqualTo(curve.fpr()[i - 1]);
            assertThat(curve.tpr()[i]).isGreaterThanOrEqualTo(curve.tpr()[i - 1]);
        }
    }

    @Test
    void oneClassOnlyHasNoCurve() {
        assertThat(RocCurve.of(new double[]{0.2, 0.9}, new byte[]{1, 1}, 10).fpr()).isEmpty();
    }
}
