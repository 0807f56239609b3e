package io.setlist.recommender.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public datasets in {@code ../shared/data} (never committed: their terms forbid it). A clone without them
 * skips real-data tests with a printed reason; under {@code CI=true} a missing dataset fails the test instead.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The dataset's directory, e.g. {@code dir("hetrec-lastfm-2k")}; skips or fails when it is missing. */
    public static Path dir(String dataset) {
        String root = System.getProperty("setlist.sharedData", "../shared/data");
        Path dir = Path.of(root).resolve(dataset).toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
            return dir;
        }
        String reason = "real-data test needs " + dir + " (the shared datasets are not part of the repository)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(reason + "; under CI=true it must run");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
        return dir;
    }
}
