package io.setlist.sql.load;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The data rows of one import file, each checked by the file's {@link RowRules}: a cursor that yields every record
 * with either its staged values or the reason it was rejected. Both ways of loading a file (through a staging table,
 * or {@link PlayCopy} straight into {@code plays}) read their rows from here, so a row is judged the same either way.
 */
final class ValidatedRows implements AutoCloseable {
    private static final int PROGRESS_EVERY_ROWS = 1 << 16;

    private final String sourceFile;
    private final ImportProgress progress;
    private final RowRules rules;
    private final LoadTarget target;
    private final CountingInputStream counted;
    private final RecordReader reader;
    private final int fieldsPerRow;
    private final String[] staged;
    private SourceRecord record;
    private RejectedField rejection;
    private long rows;

    /**
     * Opens {@code file} and, when the spec says it has one, checks its header line. Tells {@code progress} that
     * streaming starts, then how far it got every 65,536 rows and at the end.
     *
     * @throws RejectedFileException when the header is not the expected one (nothing of the file can be trusted)
     */
    ValidatedRows(Path file, FileSpec spec, String sourceFile, ImportProgress progress) {
        this.sourceFile = sourceFile;
        this.progress = progress;
        this.rules = spec.rules().apply(new FieldValues(Instant.now()));
        this.target = spec.target();
        this.staged = new String[spec.target().columns()];
        this.counted = new CountingInputStream(open(file));
        this.reader = spec.reader(counted, rules.header());
        try {
            progress.started(sourceFile, sizeOf(file));
            this.fieldsPerRow = spec.headerLine() ? checkHeader(reader.next()) : -1;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Moves to the next data row; false at the end of the file. */
    boolean next() {
        record = reader.next();
        if (record == null) {
            progress.advanced(sourceFile, counted.count(), rows);
            return false;
        }
        if (++rows % PROGRESS_EVERY_ROWS == 0) {
            progress.advanced(sourceFile, counted.count(), rows);
        }
        rejection = validate(record);
        return true;
    }

    SourceRecord record() {
        return record;
    }

    /** Why the current row is rejected, or null when it passed the file's own checks. */
    RejectedField rejection() {
        return rejection;
    }

    /** The current row's values for the target's data columns (all null for a rejected row); reused per row. */
    String[] staged() {
        return staged;
    }

    long rows() {
        return rows;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        reader.close();
    }

    /**
     * With a header line every row must have its column count; without one (fieldsPerRow -1) any count from the
     * rules' minimum to their maximum is accepted.
     */
    private RejectedField validate(SourceRecord record) {
        Arrays.fill(staged, null);
        if (record.problem() != null) {
            return new RejectedField(null, record.problem());
        }
        int found = record.fields().size();
        int max = rules.header().size();
        if (fieldsPerRow >= 0 ? found != fieldsPerRow : found < rules.minFields() || found > max) {
            String expected = fieldsPerRow >= 0 ? Integer.toString(fieldsPerRow)
                    : rules.minFields() == max ? Integer.toString(max) : rules.minFields() + " to " + max;
            return new RejectedField(null, "expected " + expected + " fields, found " + found);
        }
        if (record.rawLine().indexOf('\0') >= 0) {
            return new RejectedField(null, "contains a NUL character");
        }
        List<String> fields = record.fields();
        if (found < max) {
            fields = new ArrayList<>(fields);
            while (fields.size() < max) {
                fields.add("");
            }
        }
        try {
            rules.stage(fields, staged);
            target.checkLimits(staged);
            return null;
        } catch (RejectedField rejected) {
            Arrays.fill(staged, null);
            return rejected;
        }
    }

    /** The header must name the rules' columns in order, possibly without trailing optional ones. */
    private int checkHeader(SourceRecord first) {
        List<String> header = rules.header();
        List<String> found = first == null ? List.of()
                : first.fields().stream().map(f -> f == null ? "" : f.trim().toLowerCase(Locale.ROOT)).toList();
        boolean ok = found.size() >= rules.minFields() && found.size() <= header.size()
                && found.equals(header.subList(0, found.size()));
        if (!ok) {
            String expected = String.join(",", header.subList(0, rules.minFields()))
                    + (rules.minFields() < header.size()
                    ? "[," + String.join(",", header.subList(rules.minFields(), header.size())) + "]" : "");
            throw new RejectedFileException(sourceFile + ": the first line must be the header " + expected
                    + (first == null ? ", the file is empty" : ", found " + first.rawLine()));
        }
        return found.size();
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
