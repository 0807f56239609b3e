package io.setlist.recommender.completion.model;

import java.io.DataOutputStream;
import java.io.IOException;

/** A classifier whose scores pass through a calibrator fitted on held-out data. */
public record CalibratedClassifier(Classifier model, Calibrator calibrator) implements Classifier {

    @Override
    public double probability(double[] x, int offset) {
        return calibrator.calibrate(model.probability(x, offset));
    }

    @Override
    public String algorithm() {
        return model.algorithm();
    }

    @Override
    public String parameters() {
        return model.parameters() + " calibration=" + calibrator.name();
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        ModelCodec.write(out, model);
        out.writeUTF(calibrator.name());
        calibrator.write(out);
    }
}
