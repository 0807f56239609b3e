package io.setlist.sql.workload;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes one CSV file: UTF-8, LF line ends, a header, RFC 4180 quoting only where a field needs it. */
final class CsvRowWriter implements Closeable {
    private final Writer out;
    private boolean rowStarted;
    private long rows;

    private CsvRowWriter(Writer out) {
        this.out = out;
    }

    static CsvRowWriter create(Path file, String... header) {
        try {
            Writer writer = new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
            CsvRowWriter csv = new CsvRowWriter(writer);
            for (String column : header) {
                csv.text(column);
            }
            csv.endRow();
            csv.rows = 0; // the header is not a data row
            return csv;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text field; {@code null} writes an empty field. */
    CsvRowWriter text(String value) {
        try {
            separate();
            if (value == null) {
                return this;
            }
            if (needsQuotes(value)) {
                out.write('"');
                out.write(value.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(value);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CsvRowWriter number(long value) {
        return text(Long.toString(value));
    }

    /** Text known to need no quoting (timestamps, ids): skips the scan on the hot path. */
    CsvRowWriter plain(CharSequence value) {
        try {
            separate();
            out.append(value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void endRow() {
        try {
            out.write('\n');
            rowStarted = false;
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Data rows written so far, header excluded. */
    long rows() {
        return rows;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void separate() throws IOException {
        if (rowStarted) {
            out.write(',');
        }
        rowStarted = true;
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
