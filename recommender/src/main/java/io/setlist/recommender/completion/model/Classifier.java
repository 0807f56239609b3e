package io.setlist.recommender.completion.model;

import java.io.DataOutputStream;
import java.io.IOException;

/** A trained model of P(a play runs to the end | its features). Immutable and safe to share between threads. */
public interface Classifier {

    /** P(completed) of the row starting at {@code x[offset]}. */
    double probability(double[] x, int offset);

    /** A short name of the algorithm, e.g. {@code logistic-regression}. */
    String algorithm();

    /** The hyper-parameters it was trained with, as {@code key=value} pairs separated by spaces. */
    String parameters();

    /** Writes the model's own fields; {@link ModelCodec} adds the type tag. */
    void write(DataOutputStream out) throws IOException;
}
