package io.setlist.recommender.completion;

import java.util.Arrays;

/**
 * One row per PLAY: its features (row-major doubles), its label and where it came from.
 *
 * @param names     feature names, one per column
 * @param x         rows × names.length values, row-major
 * @param completed 1 when the play ran to the end, 0 when it was skipped
 * @param ts        play start, epoch millis
 * @param user      user index
 * @param track     track index
 */
public record FeatureTable(String[] names, double[] x, byte[] completed, long[] ts, int[] user, int[] track) {

    public int rows() {
        return completed.length;
    }

    public int columns() {
        return names.length;
    }

    public double value(int row, int column) {
        return x[row * names.length + column];
    }

    public int column(String name) {
        for (int c = 0; c < names.length; c++) {
            if (names[c].equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no feature '" + name + "'; features: " + Arrays.toString(names));
    }

    /** Rows with {@code from <= ts < to}, in order. */
    public FeatureTable between(long from, long to) {
        int n = 0;
        int[] keep = new int[rows()];
        for (int r = 0; r < rows(); r++) {
            if (ts[r] >= from && ts[r] < to) {
                keep[n++] = r;
            }
        }
        return select(Arrays.copyOf(keep, n));
    }

    public FeatureTable select(int[] rowIndexes) {
        int d = names.length;
        double[] sx = new double[rowIndexes.length * d];
        byte[] sy = new byte[rowIndexes.length];
        long[] sts = new long[rowIndexes.length];
        int[] su = new int[rowIndexes.length];
        int[] st = new int[rowIndexes.length];
        for (int i = 0; i < rowIndexes.length; i++) {
            int r = rowIndexes[i];
            System.arraycopy(x, r * d, sx, i * d, d);
            sy[i] = completed[r];
            sts[i] = ts[r];
            su[i] = user[r];
            st[i] = track[r];
        }
        return new FeatureTable(names, sx, sy, sts, su, st);
    }

    /** The same rows with only the named columns, in the given order. */
    public FeatureTable withColumns(String[] keep) {
        int[] source = new int[keep.length];
        for (int k = 0; k < keep.length; k++) {
            source[k] = column(keep[k]);
        }
        int d = names.length;
        double[] out = new double[rows() * keep.length];
        for (int r = 0; r < rows(); r++) {
            for (int k = 0; k < keep.length; k++) {
                out[r * keep.length + k] = x[r * d + source[k]];
            }
        }
        return new FeatureTable(keep.clone(), out, completed, ts, user, track);
    }

    /** Share of rows that completed; 0 for an empty table. */
    public double completionRate() {
        long sum = 0;
        for (byte y : completed) {
            sum += y;
        }
        return rows() == 0 ? 0 : (double) sum / rows();
    }
}
