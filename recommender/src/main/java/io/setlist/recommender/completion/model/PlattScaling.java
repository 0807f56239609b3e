package io.setlist.recommender.completion.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Platt scaling on the log-odds: {@code p = σ(a · logit(score) + b)}, fitted by Newton's method on held-out
 * labels with Platt's smoothed targets ({@code (n₊+1)/(n₊+2)} and {@code 1/(n₋+2)}), which keeps a and b finite
 * when the held-out scores separate the classes perfectly. Two parameters: it cannot overfit a validation window.
 */
public record PlattScaling(double a, double b) implements Calibrator {

    public static PlattScaling fit(double[] scores, byte[] labels) {
        int n = scores.length;
        double positives = 0;
        for (byte y : labels) {
            positives += y;
        }
        double hi = (positives + 1) / (positives + 2);
        double lo = 1 / (n - positives + 2);
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < n; i++) {
                double z = logit(scores[i]);
                double p = LogisticRegression.sigmoid(a * z + b);
                double target = labels[i] == 1 ? hi : lo;
                double g = p - target;
                double h = Math.max(p * (1 - p), 1e-12);
                ga += g * z;
                gb += g;
                haa += h * z * z;
                hab += h * z;
                hbb += h;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    @Override
    public double calibrate(double score) {
        return LogisticRegression.sigmoid(a * logit(score) + b);
    }

    @Override
    public String name() {
        return "platt";
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeDouble(a);
        out.writeDouble(b);
    }

    static PlattScaling read(DataInputStream in) throws IOException {
        return new PlattScaling(in.readDouble(), in.readDouble());
    }

    static double logit(double p) {
        double q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
        return Math.log(q / (1 - q));
    }
}
