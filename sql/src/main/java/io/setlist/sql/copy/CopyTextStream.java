package io.setlist.sql.copy;

import org.postgresql.copy.CopyIn;

import java.sql.SQLException;

/**
 * Rows for a running {@code COPY ... FROM STDIN} in PostgreSQL's text format, encoded straight to UTF-8 into a
 * large buffer that is handed to the server a megabyte at a time.
 */
public final class CopyTextStream {
    private static final int BUFFER_BYTES = 1 << 20;
    /** Text columns cannot hold NUL; a NUL that reaches here (only in raw lines) is shown as U+FFFD. */
    private static final char REPLACEMENT = '\uFFFD';

    private final CopyIn copy;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int length;
    private boolean rowStarted;
    private long rows;

    public CopyTextStream(CopyIn copy) {
        this.copy = copy;
    }

    public void field(String value) throws SQLException {
        separate();
        if (value == null) {
            put('\\');
            put('N');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped('\\');
                case '\t' -> escaped('t');
                case '\n' -> escaped('n');
                case '\r' -> escaped('r');
                case '\0' -> encodeCodePoint(REPLACEMENT);
                default -> {
                    if (c < 0x80) {
                        put(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        encodeCodePoint(Character.toCodePoint(c, value.charAt(++i)));
                    } else {
                        encodeCodePoint(Character.isSurrogate(c) ? REPLACEMENT : c);
                    }
                }
            }
        }
    }

    public void field(long value) throws SQLException {
        field(Long.toString(value));
    }

    public void field(double value) throws SQLException {
        field(Double.toString(value));
    }

    public void endRow() throws SQLException {
        put('\n');
        rowStarted = false;
        rows++;
    }

    /** Sends what is buffered and ends the COPY; returns the rows the server stored. */
    public long finish() throws SQLException {
        flush();
        long stored = copy.endCopy();
        if (stored != rows) {
            throw new IllegalStateException("COPY stored " + stored + " rows, " + rows + " were sent");
        }
        return stored;
    }

    /**
     * Cancels the COPY if it is still running: after a failure, so that the connection can roll back. Called only
     * while another exception is on its way out, which is the one worth reporting.
     */
    public void abandon() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the transaction is rolled back anyway
            }
        }
    }

    private void separate() throws SQLException {
        if (rowStarted) {
            put('\t');
        }
        rowStarted = true;
    }

    private void escaped(char c) throws SQLException {
        put('\\');
        put(c);
    }

    private void encodeCodePoint(int cp) throws SQLException {
        if (cp < 0x800) {
            put(0xC0 | (cp >> 6));
            put(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            put(0xE0 | (cp >> 12));
            put(0x80 | ((cp >> 6) & 0x3F));
            put(0x80 | (cp & 0x3F));
        } else {
            put(0xF0 | (cp >> 18));
            put(0x80 | ((cp >> 12) & 0x3F));
            put(0x80 | ((cp >> 6) & 0x3F));
            put(0x80 | (cp & 0x3F));
        }
    }

    private void put(int b) throws SQLException {
        if (length == buffer.length) {
            flush();
        }
        buffer[length++] = (byte) b;
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }
}
