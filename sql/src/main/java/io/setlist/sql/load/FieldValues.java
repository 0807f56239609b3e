package io.setlist.sql.load;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Parses and checks the field values of import files, returning them in PostgreSQL's input syntax for COPY.
 * Ids, numbers, dates and flags are trimmed; free text (names, titles) is kept as it is.
 *
 * <p>Keys and names have a length limit in UTF-8 bytes ({@link #MAX_KEY_BYTES}, {@link #MAX_NAME_BYTES}; documented
 * in {@code docs/data-formats.md}): every published item must stay within DynamoDB's limits (2,048-byte partition
 * key, 400 KB item), and the publisher's packing of a user's list assumes them.
 */
final class FieldValues {
    /** The longest key (user, artist, track id, event name, storage class, country), in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 512;
    /** The longest name or title, in UTF-8 bytes. */
    static final int MAX_NAME_BYTES = 1024;

    /** {@code 2026-10-03 18:22:05} with an optional fraction; strict, so that Feb 30 is an error, not Feb 28. */
    private static final DateTimeFormatter SPACED_UTC = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_QUOTED = 60;

    /** The accepted time range: nothing before 1990, nothing later than a day after the import started. */
    private final Instant earliest = Instant.parse("1990-01-01T00:00:00Z");
    private final Instant latest;

    FieldValues(Instant now) {
        this.latest = now.plusSeconds(86_400);
    }

    static String requiredId(String value, String field) throws RejectedField {
        String id = orEmpty(value).trim();
        if (id.isEmpty()) {
            throw new RejectedField(field, "missing " + field);
        }
        return withinLimit(id, field, MAX_KEY_BYTES);
    }

    static String optionalId(String value) {
        String id = orEmpty(value).trim();
        return id.isEmpty() ? null : id;
    }

    static String requiredText(String value, String field) throws RejectedField {
        if (value == null || value.isBlank()) {
            throw new RejectedField(field, "missing " + field);
        }
        return withinLimit(value, field, MAX_NAME_BYTES);
    }

    /** {@code value} when its UTF-8 form is at most {@code maxBytes}; rejected, naming the field, otherwise. */
    static String withinLimit(String value, String field, int maxBytes) throws RejectedField {
        long bytes = utf8Bytes(value);
        if (bytes > maxBytes) {
            throw new RejectedField(field, field + " is " + bytes + " bytes of UTF-8, longer than the limit of "
                    + maxBytes + ": " + quote(value));
        }
        return value;
    }

    /** The length of {@code value} in UTF-8, counted without encoding it. */
    static long utf8Bytes(String value) {
        long bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** A whole number in {@code [min, max]}, or null when the field is empty. */
    static Long optionalLong(String value, String field, long min, long max) throws RejectedField {
        String text = orEmpty(value).trim();
        if (text.isEmpty()) {
            return null;
        }
        long number;
        try {
            number = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new RejectedField(field, "not a whole number: " + quote(value));
        }
        if (number < min || number > max) {
            throw new RejectedField(field, field + " must be between " + min + " and " + max + ": " + quote(value));
        }
        return number;
    }

    static long requiredLong(String value, String field, long min, long max) throws RejectedField {
        Long number = optionalLong(value, field, min, max);
        if (number == null) {
            throw new RejectedField(field, "missing " + field);
        }
        return number;
    }

    /** A timestamp as ISO-8601 with Z or an offset, or {@code yyyy-MM-dd HH:mm:ss[.SSS]} taken as UTC. */
    String timestamp(String value, String field) throws RejectedField {
        return timestamp(value, field, false);
    }

    /**
     * A timestamp as {@link #timestamp(String, String)} reads it; with {@code zonelessIsUtc}, also an ISO-8601 local
     * date-time without zone ({@code 2023-01-03T05:14:02.707000}, as Pozytywka writes), taken as UTC.
     */
    String timestamp(String value, String field, boolean zonelessIsUtc) throws RejectedField {
        String text = orEmpty(value).trim();
        if (text.isEmpty()) {
            throw new RejectedField(field, "missing " + field);
        }
        Instant instant = canonicalUtc(text);
        boolean canonical = instant != null;
        try {
            if (!canonical) {
                if (text.length() > 10 && text.charAt(10) == ' ') {
                    instant = LocalDateTime.parse(text, SPACED_UTC).toInstant(ZoneOffset.UTC);
                } else if (zonelessIsUtc && !hasZone(text)) {
                    instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } else {
                    instant = OffsetDateTime.parse(text).toInstant();
                }
            }
        } catch (DateTimeParseException e) {
            throw new RejectedField(field, "not a timestamp: " + quote(value));
        }
        if (instant.isBefore(earliest) || instant.isAfter(latest)) {
            throw new RejectedField(field, field + " outside 1990-01-01 .. now + 1 day: " + quote(value));
        }
        // PostgreSQL reads the canonical form as it is; anything else goes over as an unambiguous UTC instant.
        return canonical ? text : instant.toString();
    }

    /**
     * The fast path for the shape the generator writes, {@code 2026-10-03T18:22:05.123Z}: the general parsers cost
     * more than everything else per event row. Null when the text has another shape.
     */
    private static Instant canonicalUtc(String text) {
        if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                || text.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int millis = digits(text, 20, 23);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochMilli(((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean hasZone(String text) {
        return text.endsWith("Z") || text.endsWith("z") || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A {@code yyyy-MM-dd} date in the same range as timestamps, or null when empty. */
    String optionalDate(String value, String field) throws RejectedField {
        String text = orEmpty(value).trim();
        if (text.isEmpty()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new RejectedField(field, "not a date: " + quote(value));
        }
        return inRange(date, field, value);
    }

    /** {@code date} in PostgreSQL syntax when it lies in the accepted range. */
    String inRange(LocalDate date, String field, String value) throws RejectedField {
        Instant start = date.atStartOfDay().toInstant(ZoneOffset.UTC);
        if (start.isBefore(earliest) || start.isAfter(latest)) {
            throw new RejectedField(field, field + " outside 1990-01-01 .. now + 1 day: " + quote(value));
        }
        return date.toString();
    }

    /** A value for a reason text: single-quoted, and cut short so that one huge field cannot flood the table. */
    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "…" : value;
        return "'" + shown + "'";
    }
}
