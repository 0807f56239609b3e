package io.setlist.sql.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The physical lines of a file, decoded one by one so that a line with bytes that are not UTF-8 becomes a
 * quarantined record instead of failing the file or being silently repaired. Accepts LF, CRLF and lone CR line
 * ends (the Last.fm and HetRec files mix them), a last line without a line end and a leading byte order mark.
 * A line is held only up to {@link RecordReader#MAX_RECORD_BYTES}: a longer one becomes a record with a problem
 * and its text cut, and memory stays bounded whatever the file holds (a 2 GB line without a line end).
 */
final class LineSource implements AutoCloseable {
    private static final int EOF = -1;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[256];
    private int position;
    private int limit;
    private long lineNo;

    /** The text of the line just read, or null when its bytes are not UTF-8 (see {@link #problem()}). */
    private String text;
    private String problem;

    LineSource(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next physical line; false at the end of the input. A line longer than
     * {@link RecordReader#MAX_RECORD_BYTES} keeps only its first bytes (its text is then cut and a problem set):
     * the rest is read past, never held.
     */
    boolean advance() {
        int length = 0;
        long total = 0;
        boolean ascii = true;
        int c = read();
        if (c == EOF) {
            return false;
        }
        while (c != EOF && c != '\n' && c != '\r') {
            total++;
            if (length < RecordReader.MAX_RECORD_BYTES) {
                if (length == line.length) {
                    line = java.util.Arrays.copyOf(line, Math.min(length * 2, RecordReader.MAX_RECORD_BYTES));
                }
                line[length++] = (byte) c;
                ascii &= c < 0x80;
            }
            c = read();
        }
        if (c == '\r' && peek() == '\n') {
            read();
        }
        lineNo++;
        if (total > RecordReader.MAX_RECORD_BYTES) {
            overLong(length, total);
        } else {
            decode(length, ascii);
        }
        return true;
    }

    /** The cut text of an over-long line; bytes of a character split by the cut show as U+FFFD. */
    private void overLong(int kept, long total) {
        text = RecordReader.cut(new String(line, 0, Math.min(kept, 4 * RecordReader.KEPT_RAW_CHARS),
                StandardCharsets.UTF_8));
        problem = RecordReader.overLong(total);
        // The next lines are short again as a rule: the megabyte is not kept for the rest of the file.
        line = new byte[256];
    }

    /** The bytes this source holds for the current line: never more than the record limit. */
    int heldBytes() {
        return line.length;
    }

    long lineNo() {
        return lineNo;
    }

    String text() {
        return text;
    }

    String problem() {
        return problem;
    }

    private void decode(int length, boolean ascii) {
        problem = null;
        if (ascii) {
            // Every ASCII byte is its own char: the cheap constructor is exact here.
            text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
            return;
        }
        try {
            text = utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            // Kept readable for the quarantine table: each bad byte shows as U+FFFD.
            text = new String(line, 0, length, StandardCharsets.UTF_8);
            problem = "bad encoding: the line is not valid UTF-8";
        }
        if (lineNo == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
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
        return buffer[position] & 0xFF;
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
