package io.setlist.lab.bench;

import io.setlist.sql.SqlResource;
import io.setlist.sql.copy.CopyTextStream;
import io.setlist.sql.load.ImportFormat;
import io.setlist.sql.load.ImportProgress;
import io.setlist.sql.load.WorkloadImport;
import io.setlist.sql.workload.LastfmSynthetic;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Times the Last.fm 360K import against a baseline in the same process: a bare COPY of the plays file's four fields
 * as text (no validation, no staging checks, no key mapping, no indexes), the floor of any COPY-based import. Also
 * measures the peak heap of the import.
 */
public final class ImportBenchmark {
    private ImportBenchmark() {
    }

    public record Result(long playRows, long loaded, long quarantined, double baselineSeconds, double importSeconds,
                         double playsFileSeconds, long peakHeapBytes, long maxHeapBytes) {
        public double ratio() {
            return playsFileSeconds / baselineSeconds;
        }
    }

    /** Imports {@code dir} (both Last.fm files) into an empty warehouse behind {@code ds}. */
    public static Result run(DataSource ds, Path dir, ImportProgress progress) {
        double baseline = bareCopy(ds, dir.resolve(LastfmSynthetic.PLAYS_FILE));
        HeapPeak.reset();
        long t0 = System.nanoTime();
        WorkloadImport.ImportReport report = WorkloadImport.importPath(ds, ImportFormat.LASTFM_360K, dir, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = HeapPeak.bytes();
        WorkloadImport.FileReport plays = report.file(LastfmSynthetic.PLAYS_FILE).orElseThrow();
        return new Result(plays.read(), report.loaded(), report.quarantined(), baseline, seconds, plays.seconds(), peak,
                HeapPeak.maxBytes());
    }

    private static double bareCopy(DataSource ds, Path file) {
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            s.execute(SqlResource.load("bench/raw_copy_create.sql"));
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(SqlResource.load("bench/raw_copy.sql"));
            CopyTextStream out = new CopyTextStream(copy);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t", -1);
                for (int i = 0; i < 4; i++) {
                    out.field(i < f.length ? f[i] : null);
                }
                out.endRow();
            }
            out.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("baseline COPY failed", e);
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
