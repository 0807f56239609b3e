package io.setlist.sql.load;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader that keeps the physical line number of every record, so that a rejected row can be
 * found in the file. Accepts LF, CRLF and lone CR line ends, a last line without a line end, and quoted fields
 * spanning lines. Malformed quoting does not stop the file: the record comes back with a {@code problem} and
 * reading resumes at the next line end. Blank lines carry no data and are skipped.
 */
public final class CsvLineReader implements RecordReader {
    private static final int EOF = -1;
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final char REPLACEMENT = '\uFFFD';

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private boolean started;

    public CsvLineReader(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the input. */
    @Override
    public SourceRecord next() {
        while (true) {
            int first = peek();
            if (first == EOF) {
                return null;
            }
            SourceRecord record = readRecord();
            if (!record.rawLine().isEmpty()) {
                return record;
            }
        }
    }

    private SourceRecord readRecord() {
        long startLine = line;
        StringBuilder raw = new StringBuilder(128);
        StringBuilder field = new StringBuilder(32);
        List<String> fields = new ArrayList<>(8);
        String problem = null;
        boolean quoted = false;       // inside a quoted field
        boolean afterQuote = false;   // a quoted field just closed
        while (true) {
            int c = read();
            if (c == EOF) {
                if (quoted) {
                    problem = "unterminated quoted field";
                }
                break;
            }
            if (quoted) {
                raw.append((char) c);
                if (c == '"') {
                    if (peek() == '"') {
                        raw.append((char) read());
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    field.append((char) c);
                    countLineEnd(c);
                }
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                break;
            }
            raw.append((char) c);
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '"' && field.length() == 0 && !afterQuote) {
                quoted = true;
            } else {
                if (problem == null && (afterQuote || c == '"')) {
                    problem = afterQuote ? "text after a closing quote" : "quote inside an unquoted field";
                }
                field.append((char) c);
            }
        }
        fields.add(field.toString());
        String rawLine = raw.toString();
        if (problem != null) {
            problem = "malformed CSV: " + problem;
        } else if (rawLine.indexOf(REPLACEMENT) >= 0) {
            // The UTF-8 reader turns bytes that are not UTF-8 into U+FFFD; such a row is not loaded as if it were text.
            problem = "bad encoding: the line is not valid UTF-8";
        }
        return new SourceRecord(startLine, fields, rawLine, problem);
    }

    /** Counts line ends inside quoted fields; a CRLF counts once. */
    private void countLineEnd(int c) {
        if (c == '\n' || (c == '\r' && peek() != '\n')) {
            line++;
        }
    }

    private int read() {
        int c = peek();
        if (c != EOF) {
            position++;
        }
        return c;
    }

    private int peek() {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
            if (!started) {
                started = true;
                if (buffer[0] == BYTE_ORDER_MARK) {
                    position = 1;
                    return position < limit || fill();
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
