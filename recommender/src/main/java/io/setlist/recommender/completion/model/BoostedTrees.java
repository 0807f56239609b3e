package io.setlist.recommender.completion.model;

import io.setlist.recommender.completion.FeatureTable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Gradient-boosted regression trees on the log-loss (second-order, like XGBoost): each tree fits the gradient
 * and Hessian of the loss at the current margin, splits on histogram bins (at most {@value #MAX_BINS} quantile
 * bins per feature, cut on the training rows), and leaves hold {@code -G / (H + λ)} times the learning rate.
 * Boosting stops early when the validation log-loss has not improved for {@value #PATIENCE} trees, and the
 * model keeps the best prefix. Written here rather than pulled in as xgboost4j/Tribuo: a few hundred lines, no
 * native library, byte-for-byte deterministic for a seed.
 *
 * <p>Trees are stored as complete binary trees of depth {@code depth} in flat arrays: node i has children
 * 2i+1 and 2i+2, and feature -1 marks a leaf.
 */
public final class BoostedTrees implements Classifier {
    static final int MAX_BINS = 64;
    static final int PATIENCE = 30;

    /** Hyper-parameters. */
    public record Params(int maxTrees, int depth, double learningRate, double minChildHessian, double l2,
                         double subsample, long seed) {
        public Params {
            if (maxTrees < 1 || depth < 1 || depth > 10 || !(learningRate > 0) || !(subsample > 0 && subsample <= 1)) {
                throw new IllegalArgumentException("bad boosting parameters");
            }
        }

        @Override
        public String toString() {
            return "depth=" + depth + " learningRate=" + learningRate + " minChildHessian=" + minChildHessian
                    + " l2=" + l2 + " subsample=" + subsample + " seed=" + seed;
        }
    }

    private final Params params;
    private final double base;
    private final int trees;
    private final int nodes;
    private final int[] feature;
    private final double[] threshold;
    private final double[] value;

    private BoostedTrees(Params params, double base, int trees, int[] feature, double[] threshold, double[] value) {
        this.params = params;
        this.base = base;
        this.trees = trees;
        this.nodes = (1 << (params.depth() + 1)) - 1;
        this.feature = feature;
        this.threshold = threshold;
        this.value = value;
    }

    public int trees() {
        return trees;
    }

    @Override
    public double probability(double[] x, int offset) {
        double margin = base;
        for (int t = 0; t < trees; t++) {
            int o = t * nodes;
            int i = 0;
            while (feature[o + i] >= 0) {
                i = x[offset + feature[o + i]] <= threshold[o + i] ? 2 * i + 1 : 2 * i + 2;
            }
            margin += value[o + i];
        }
        return LogisticRegression.sigmoid(margin);
    }

    @Override
    public String algorithm() {
        return "gradient-boosted-trees";
    }

    @Override
    public String parameters() {
        return "trees=" + trees + " " + params;
    }

    /** Trains on {@code train}, stopping early on {@code validation}'s log-loss. */
    public static BoostedTrees fit(FeatureTable train, FeatureTable validation, Params p) {
        return new Trainer(train, validation, p).run();
    }

    private static final class Trainer {
        final FeatureTable train;
        final FeatureTable validation;
        final Params p;
        final int n;
        final int d;
        final int nodes;
        final double[][] cuts;
        final byte[] bins;
        final int[] binCount;

        Trainer(FeatureTable train, FeatureTable validation, Params p) {
            this.train = train;
            this.validation = validation;
            this.p = p;
            n = train.rows();
            d = train.columns();
            nodes = (1 << (p.depth() + 1)) - 1;
            cuts = new double[d][];
            binCount = new int[d];
            bins = new byte[n * d];
            for (int c = 0; c < d; c++) {
                cuts[c] = quantileCuts(train, c);
                binCount[c] = cuts[c].length + 1;
                for (int r = 0; r < n; r++) {
                    bins[r * d + c] = (byte) binOf(cuts[c], train.value(r, c));
                }
            }
        }

        BoostedTrees run() {
            if (n == 0) {
                throw new IllegalArgumentException("no training rows");
            }
            double rate = Math.min(Math.max(train.completionRate(), 1e-6), 1 - 1e-6);
            double base = Math.log(rate / (1 - rate));
            double[] margin = new double[n];
            Arrays.fill(margin, base);
            int vn = validation.rows();
            double[] vMargin = new double[vn];
            Arrays.fill(vMargin, base);
            int[] feature = new int[p.maxTrees() * nodes];
            double[] threshold = new double[p.maxTrees() * nodes];
            int[] splitBin = new int[nodes];
            double[] value = new double[p.maxTrees() * nodes];
            double[] g = new double[n];
            double[] h = new double[n];
            SplittableRandom rng = new SplittableRandom(p.seed());
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestTrees = 0;
            int built = 0;
            for (int t = 0; t < p.maxTrees(); t++) {
                for (int r = 0; r < n; r++) {
                    double prob = LogisticRegression.sigmoid(margin[r]);
                    g[r] = prob - train.completed()[r];
                    h[r] = Math.max(prob * (1 - prob), 1e-12);
                }
                int[] rows = sample(rng);
                int o = t * nodes;
                Arrays.fill(feature, o, o + nodes, -1);
                grow(0, 0, rows, rows.length, g, h, feature, threshold, splitBin, value, o);
                built = t + 1;
                for (int r = 0; r < n; r++) {
                    int i = 0;
                    while (feature[o + i] >= 0) {
                        i = (bins[r * d + feature[o + i]] & 0xff) <= splitBin[i] ? 2 * i + 1 : 2 * i + 2;
                    }
                    margin[r] += value[o + i];
                }
                double loss = 0;
                for (int r = 0; r < vn; r++) {
                    int i = 0;
                    while (feature[o + i] >= 0) {
                        i = validation.value(r, feature[o + i]) <= threshold[o + i] ? 2 * i + 1 : 2 * i + 2;
                    }
                    vMargin[r] += value[o + i];
                    double prob = Math.min(Math.max(LogisticRegression.sigmoid(vMargin[r]), 1e-15), 1 - 1e-15);
                    loss -= validation.completed()[r] == 1 ? Math.log(prob) : Math.log(1 - prob);
                }
                if (vn == 0 || loss < bestLoss - 1e-9) {
                    bestLoss = loss;
                    bestTrees = t + 1;
                } else if (t + 1 - bestTrees >= PATIENCE) {
                    break;
                }
            }
            int keep = vn == 0 ? built : bestTrees;
            return new BoostedTrees(p, base, keep, Arrays.copyOf(feature, keep * nodes),
                    Arrays.copyOf(threshold, keep * nodes), Arrays.copyOf(value, keep * nodes));
        }

        private int[] sample(SplittableRandom rng) {
            if (p.subsample() >= 1) {
                int[] all = new int[n];
                for (int r = 0; r < n; r++) {
                    all[r] = r;
                }
                return all;
            }
            int[] rows = new int[n];
            int m = 0;
            for (int r = 0; r < n; r++) {
                if (rng.nextDouble() < p.subsample()) {
                    rows[m++] = r;
                }
            }
            return Arrays.copyOf(rows, m);
        }

        /** Splits node {@code i} on {@code rows[0..count)} (reordered in place) or makes it a leaf. */
        private void grow(int i, int depth, int[] rows, int count, double[] g, double[] h, int[] feature,
                          double[] threshold, int[] splitBin, double[] value, int o) {
            double gSum = 0;
            double hSum = 0;
            for (int k = 0; k < count; k++) {
                gSum += g[rows[k]];
                hSum += h[rows[k]];
            }
            if (depth < p.depth() && hSum >= 2 * p.minChildHessian()) {
                double[] gh = new double[d * MAX_BINS * 2];
                for (int k = 0; k < count; k++) {
                    int r = rows[k];
                    int base = r * d;
                    double gr = g[r];
                    double hr = h[r];
                    for (int c = 0; c < d; c++) {
                        int slot = (c * MAX_BINS + (bins[base + c] & 0xff)) * 2;
                        gh[slot] += gr;
                        gh[slot + 1] += hr;
                    }
                }
                double parent = gSum * gSum / (hSum + p.l2());
                double bestGain = 1e-9;
                int bestFeature = -1;
                int bestBin = -1;
                for (int c = 0; c < d; c++) {
                    double gl = 0;
                    double hl = 0;
                    for (int b = 0; b < binCount[c] - 1; b++) {
                        int slot = (c * MAX_BINS + b) * 2;
                        gl += gh[slot];
                        hl += gh[slot + 1];
                        double hr = hSum - hl;
                        if (hl < p.minChildHessian() || hr < p.minChildHessian()) {
                            continue;
                        }
                        double gr = gSum - gl;
                        double gain = gl * gl / (hl + p.l2()) + gr * gr / (hr + p.l2()) - parent;
                        if (gain > bestGain) {
                            bestGain = gain;
                            bestFeature = c;
                            bestBin = b;
                        }
                    }
                }
                if (bestFeature >= 0) {
                    feature[o + i] = bestFeature;
                    threshold[o + i] = cuts[bestFeature][bestBin];
                    splitBin[i] = bestBin;
                    int left = 0;
                    for (int k = 0; k < count; k++) {
                        if ((bins[rows[k] * d + bestFeature] & 0xff) <= bestBin) {
                            int tmp = rows[left];
                            rows[left++] = rows[k];
                            rows[k] = tmp;
                        }
                    }
                    int[] right = Arrays.copyOfRange(rows, left, count);
                    grow(2 * i + 1, depth + 1, rows, left, g, h, feature, threshold, splitBin, value, o);
                    grow(2 * i + 2, depth + 1, right, right.length, g, h, feature, threshold, splitBin, value, o);
                    return;
                }
            }
            feature[o + i] = -1;
            value[o + i] = -gSum / (hSum + p.l2()) * p.learningRate();
        }

        private static double[] quantileCuts(FeatureTable t, int c) {
            int n = t.rows();
            int step = Math.max(1, n / 50_000);
            double[] v = new double[(n + step - 1) / step];
            int m = 0;
            for (int r = 0; r < n; r += step) {
                v[m++] = t.value(r, c);
            }
            v = Arrays.copyOf(v, m);
            Arrays.sort(v);
            double[] cuts = new double[MAX_BINS - 1];
            int k = 0;
            for (int q = 1; q < MAX_BINS && m > 0; q++) {
                double cut = v[Math.min(m - 1, (int) ((long) q * m / MAX_BINS))];
                if (cut < v[m - 1] && (k == 0 || cut > cuts[k - 1])) {
                    cuts[k++] = cut;
                }
            }
            return Arrays.copyOf(cuts, k);
        }

        private static int binOf(double[] cuts, double x) {
            int i = Arrays.binarySearch(cuts, x);
            return i >= 0 ? i : -i - 1;
        }
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(params.maxTrees());
        out.writeInt(params.depth());
        out.writeDouble(params.learningRate());
        out.writeDouble(params.minChildHessian());
        out.writeDouble(params.l2());
        out.writeDouble(params.subsample());
        out.writeLong(params.seed());
        out.writeDouble(base);
        out.writeInt(trees);
        for (int i = 0; i < trees * nodes; i++) {
            out.writeInt(feature[i]);
            out.writeDouble(feature[i] >= 0 ? threshold[i] : value[i]);
        }
    }

    static BoostedTrees read(DataInputStream in) throws IOException {
        Params p = new Params(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readLong());
        double base = in.readDouble();
        int trees = in.readInt();
        int nodes = (1 << (p.depth() + 1)) - 1;
        int[] feature = new int[trees * nodes];
        double[] threshold = new double[trees * nodes];
        double[] value = new double[trees * nodes];
        for (int i = 0; i < trees * nodes; i++) {
            feature[i] = in.readInt();
            double v = in.readDouble();
            if (feature[i] >= 0) {
                threshold[i] = v;
            } else {
                value[i] = v;
            }
        }
        return new BoostedTrees(p, base, trees, feature, threshold, value);
    }
}
