package io.setlist.recommender.completion.model;

import java.io.DataOutputStream;
import java.io.IOException;

/** Maps a model's score to a calibrated probability; fitted on a window the model did not train on. */
public interface Calibrator {
    double calibrate(double score);

    String name();

    void write(DataOutputStream out) throws IOException;
}
