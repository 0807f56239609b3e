package io.setlist.sql.load;

import java.io.Closeable;

/**
 * Splits an import file into records, each with the line it starts on and its raw text.
 *
 * <p>A record is at most {@link #MAX_RECORD_BYTES} bytes of UTF-8 (line end excluded). A longer one (a 2 GB line
 * without a line end, an unterminated quote) comes back as a record with a problem and its raw text cut to
 * {@link #KEPT_RAW_CHARS} characters, and reading resumes at the next line end: a reader never holds more than
 * about the maximum in memory, however the file is broken.
 */
public interface RecordReader extends Closeable {
    /** The longest record read: 1 MiB of UTF-8, line end excluded. Documented in {@code docs/data-formats.md}. */
    int MAX_RECORD_BYTES = 1 << 20;
    /** How much of an over-long record's text is kept for the quarantine table. */
    int KEPT_RAW_CHARS = 1000;

    /** The next record, or null at the end of the input. Blank lines are skipped, but still counted. */
    SourceRecord next();

    @Override
    void close();

    /** The reason an over-long record is quarantined with. */
    static String overLong(long bytes) {
        return "record of " + bytes + " bytes is longer than the limit of " + MAX_RECORD_BYTES
                + " bytes; raw text cut to " + KEPT_RAW_CHARS + " characters";
    }

    /** The first {@link #KEPT_RAW_CHARS} characters of {@code raw}, marked as cut when longer. */
    static String cut(CharSequence raw) {
        if (raw.length() <= KEPT_RAW_CHARS) {
            return raw.toString();
        }
        int end = KEPT_RAW_CHARS;
        if (Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        return raw.subSequence(0, end) + "…";
    }
}
