package io.setlist.recommender.completion.model;

import io.setlist.recommender.completion.FeatureTable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * L2-regularised logistic regression on standardised features, fitted by Newton's method (iteratively
 * reweighted least squares). With {@code balanced} class weights each class carries half the loss, so the
 * minority (skips) is not ignored; the probabilities are then no longer calibrated, which {@link PlattScaling}
 * repairs on a validation window.
 */
public final class LogisticRegression implements Classifier {
    private final double[] mean;
    private final double[] scale;
    private final double[] weights;
    private final double bias;
    private final double l2;
    private final boolean balanced;

    private LogisticRegression(double[] mean, double[] scale, double[] weights, double bias, double l2,
                               boolean balanced) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.bias = bias;
        this.l2 = l2;
        this.balanced = balanced;
    }

    /**
     * @param l2       penalty on the weights (not the bias), per unit of total sample weight
     * @param balanced weight each class by n / (2 · its count)
     */
    public static LogisticRegression fit(FeatureTable train, double l2, boolean balanced) {
        int n = train.rows();
        int d = train.columns();
        if (n == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                mean[c] += train.value(r, c);
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                double v = train.value(r, c) - mean[c];
                scale[c] += v * v;
            }
        }
        for (int c = 0; c < d; c++) {
            double sd = Math.sqrt(scale[c] / n);
            scale[c] = sd > 1e-12 ? 1 / sd : 0; // a constant column contributes nothing
        }
        double positives = train.completionRate() * n;
        double wPos = balanced && positives > 0 ? n / (2 * positives) : 1;
        double wNeg = balanced && positives < n ? n / (2 * (n - positives)) : 1;

        int p = d + 1; // last coefficient: bias
        double[] beta = new double[p];
        double[] z = new double[p];
        z[d] = 1;
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[p];
            double[] hessian = new double[p * p];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < d; c++) {
                    z[c] = (train.value(r, c) - mean[c]) * scale[c];
                }
                double eta = 0;
                for (int c = 0; c < p; c++) {
                    eta += beta[c] * z[c];
                }
                double prob = sigmoid(eta);
                double w = train.completed()[r] == 1 ? wPos : wNeg;
                double g = w * (prob - train.completed()[r]);
                double h = w * Math.max(prob * (1 - prob), 1e-9);
                for (int i = 0; i < p; i++) {
                    gradient[i] += g * z[i];
                    double hz = h * z[i];
                    for (int j = 0; j <= i; j++) {
                        hessian[i * p + j] += hz * z[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                gradient[i] += l2 * n * beta[i];
                hessian[i * p + i] += l2 * n;
            }
            for (int i = 0; i < p; i++) {
                hessian[i * p + i] += 1e-9 * n;
                for (int j = 0; j < i; j++) {
                    hessian[j * p + i] = hessian[i * p + j];
                }
            }
            double[] step = Cholesky.solve(hessian, gradient, p);
            double change = 0;
            for (int i = 0; i < p; i++) {
                beta[i] -= step[i];
                change = Math.max(change, Math.abs(step[i]));
            }
            if (change < 1e-7) {
                break;
            }
        }
        double[] weights = java.util.Arrays.copyOf(beta, d);
        return new LogisticRegression(mean, scale, weights, beta[d], l2, balanced);
    }

    @Override
    public double probability(double[] x, int offset) {
        double eta = bias;
        for (int c = 0; c < weights.length; c++) {
            eta += weights[c] * (x[offset + c] - mean[c]) * scale[c];
        }
        return sigmoid(eta);
    }

    /** Standardised weight of each feature: the change in log-odds per standard deviation. */
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public String algorithm() {
        return "logistic-regression";
    }

    @Override
    public String parameters() {
        return "l2=" + l2 + " classWeights=" + (balanced ? "balanced" : "none");
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeDouble(l2);
        out.writeBoolean(balanced);
        out.writeDouble(bias);
        ModelCodec.writeArray(out, mean);
        ModelCodec.writeArray(out, scale);
        ModelCodec.writeArray(out, weights);
    }

    static LogisticRegression read(DataInputStream in) throws IOException {
        double l2 = in.readDouble();
        boolean balanced = in.readBoolean();
        double bias = in.readDouble();
        return new LogisticRegression(ModelCodec.readArray(in), ModelCodec.readArray(in), ModelCodec.readArray(in),
                bias, l2, balanced);
    }

    static double sigmoid(double eta) {
        return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
    }
}
