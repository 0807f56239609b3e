package io.setlist.recommender.completion.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Classifiers to bytes and back, for the model registry. Layout: a magic number and format version, then a type
 * tag and the model's own fields (big-endian, {@link DataOutputStream}). A reader meeting an unknown tag or
 * version fails with a message rather than guessing.
 */
public final class ModelCodec {
    private static final int MAGIC = 0x53_4c_43_4d; // "SLCM"
    private static final int VERSION = 1;

    private ModelCodec() {
    }

    public static byte[] toBytes(Classifier model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            write(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Classifier fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a serialised Setlist classifier");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("classifier format version " + version + " is not supported");
            }
            return read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt classifier bytes: " + e.getMessage(), e);
        }
    }

    static void write(DataOutputStream out, Classifier model) throws IOException {
        out.writeUTF(model instanceof CalibratedClassifier ? "calibrated" : model.algorithm());
        model.write(out);
    }

    private static Classifier read(DataInputStream in) throws IOException {
        String tag = in.readUTF();
        return switch (tag) {
            case "majority-class" -> MajorityClass.read(in);
            case "logistic-regression" -> LogisticRegression.read(in);
            case "gradient-boosted-trees" -> BoostedTrees.read(in);
            case "calibrated" -> {
                Classifier inner = read(in);
                String calibrator = in.readUTF();
                yield new CalibratedClassifier(inner, switch (calibrator) {
                    case "platt" -> PlattScaling.read(in);
                    case "isotonic" -> IsotonicCalibration.read(in);
                    default -> throw new IllegalArgumentException("unknown calibrator '" + calibrator + "'");
                });
            }
            default -> throw new IllegalArgumentException("unknown classifier type '" + tag + "'");
        };
    }

    static void writeArray(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static double[] readArray(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) {
            throw new IOException("array length " + n + " out of range");
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
