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
 * reading resumes at the next line end. A quote that never closes rejects only the line it opens on: the lines
 * after it are read again as records. A record longer than {@link RecordReader#MAX_RECORD_BYTES} is rejected with
 * its text cut, and the rest of its line is skipped without being kept. Blank lines carry no data and are skipped.
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
    /** Input read once and given back (the lines after an unterminated quote), read before {@link #buffer}. */
    private char[] pending = new char[0];
    private int pendingPosition;
    private int pendingLimit;
    private final StringBuilder raw = new StringBuilder(128);
    private final StringBuilder field = new StringBuilder(32);

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
        raw.setLength(0);
        field.setLength(0);
        List<String> fields = new ArrayList<>(8);
        String problem = null;
        boolean quoted = false;       // inside a quoted field
        boolean afterQuote = false;   // a quoted field just closed
        long bytes = 0;
        boolean lineEnded = false;
        while (true) {
            int c = read();
            if (c == EOF) {
                if (quoted) {
                    return unterminated(startLine, "unterminated quoted field", false);
                }
                break;
            }
            if (quoted || (c != '\n' && c != '\r')) {
                bytes += utf8Length(c);
                if (bytes > RecordReader.MAX_RECORD_BYTES) {
                    return overLong(startLine, bytes, quoted);
                }
            }
            if (quoted) {
                raw.append((char) c);
                if (c == '"') {
                    if (peek() == '"') {
                        raw.append((char) read());
                        bytes++;
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
                lineEnded = true;
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
        if (problem != null && firstLineEnd() >= 0) {
            // A quote opened on one line and closed on a later one by a stray quote: the same mistake as a quote
            // that never closes, and the lines it swallowed are read again.
            return unterminated(startLine, problem + " (a quoted field ran over a line end)", lineEnded);
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

    /**
     * The record passed the maximum length. When a quoted field has run over a line end, the quote is most likely
     * unterminated: only the first line is the bad record and the lines after it are read again. Otherwise the
     * record is one over-long line: the rest of it is skipped, unread, up to the next line end.
     */
    private SourceRecord overLong(long startLine, long bytes, boolean quoted) {
        if (quoted && firstLineEnd() >= 0) {
            return unterminated(startLine, "a quoted field runs past the limit of " + RecordReader.MAX_RECORD_BYTES
                    + " bytes (unterminated quote?)", false);
        }
        long total = bytes;
        for (int c = read(); c != EOF; c = read()) {
            if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                break;
            }
            total += utf8Length(c);
        }
        SourceRecord record = new SourceRecord(startLine, List.of(), RecordReader.cut(raw),
                RecordReader.overLong(total));
        shrink();
        return record;
    }

    /**
     * A quoted field that never closes (or is closed lines later by a stray quote): the record's first physical
     * line is rejected, and what was read after it goes back in front of the input, so every following line is
     * read as the records it holds.
     */
    private SourceRecord unterminated(long startLine, String reason, boolean lineEnded) {
        int end = firstLineEnd();
        String first = RecordReader.cut(end < 0 ? raw : raw.subSequence(0, end));
        if (end >= 0) {
            int restFrom = end + (raw.charAt(end) == '\r' && end + 1 < raw.length() && raw.charAt(end + 1) == '\n'
                    ? 2 : 1);
            // The line end that closed the record was read but is not in raw: it goes back too.
            pushBack(raw.substring(restFrom) + (lineEnded ? "\n" : ""));
            line = startLine + 1;
        }
        shrink();
        return new SourceRecord(startLine, List.of(first), first, "malformed CSV: " + reason);
    }

    /** A char's share of the UTF-8 length: a surrogate pair is two chars of 2 bytes each, 4 in all. */
    private static int utf8Length(int c) {
        return c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate((char) c) ? 2 : 3;
    }

    private int firstLineEnd() {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Puts {@code text} before the unread input (and before what an earlier push-back left unread). */
    private void pushBack(String text) {
        int unread = pendingLimit - pendingPosition;
        char[] next = new char[text.length() + unread];
        text.getChars(0, text.length(), next, 0);
        System.arraycopy(pending, pendingPosition, next, text.length(), unread);
        pending = next;
        pendingPosition = 0;
        pendingLimit = next.length;
    }

    /** After an over-long record, gives back the memory it took instead of keeping it for the rest of the file. */
    private void shrink() {
        raw.setLength(0);
        field.setLength(0);
        raw.trimToSize();
        field.trimToSize();
    }

    /** The chars this reader holds besides its fixed input buffer: bounded by a few times the record limit. */
    long heldChars() {
        return (long) raw.capacity() + field.capacity() + pending.length;
    }

    /** Counts line ends inside quoted fields; a CRLF counts once. */
    private void countLineEnd(int c) {
        if (c == '\n' || (c == '\r' && peek() != '\n')) {
            line++;
        }
    }

    private int read() {
        if (pendingPosition < pendingLimit) {
            return pending[pendingPosition++];
        }
        int c = peek();
        if (c != EOF) {
            position++;
        }
        return c;
    }

    private int peek() {
        if (pendingPosition < pendingLimit) {
            return pending[pendingPosition];
        }
        if (pending.length > 0) {
            pending = new char[0];
            pendingPosition = 0;
            pendingLimit = 0;
        }
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
