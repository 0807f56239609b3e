package io.setlist.recommender.completion.model;

import io.setlist.recommender.completion.FeatureTable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The baseline: every play gets the training completion rate, so it always predicts the majority class. */
public record MajorityClass(double rate) implements Classifier {

    public static MajorityClass fit(FeatureTable train) {
        return new MajorityClass(train.completionRate());
    }

    @Override
    public double probability(double[] x, int offset) {
        return rate;
    }

    @Override
    public String algorithm() {
        return "majority-class";
    }

    @Override
    public String parameters() {
        return String.format("rate=%.4f", rate);
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeDouble(rate);
    }

    static MajorityClass read(DataInputStream in) throws IOException {
        return new MajorityClass(in.readDouble());
    }
}
