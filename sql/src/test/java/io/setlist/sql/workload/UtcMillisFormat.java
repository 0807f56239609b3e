package io.setlist.sql.workload;

import java.time.LocalDate;

/**
 * Formats epoch milliseconds as {@code 2026-10-03T18:22:05.123Z}, always with the milliseconds: {@code Instant}
 * drops a zero fraction, which would make the column's width vary. Caches the date part, since consecutive events
 * share a day.
 */
final class UtcMillisFormat {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final StringBuilder text = new StringBuilder(24);
    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate = "";

    CharSequence format(long epochMillis) {
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDate = LocalDate.ofEpochDay(day).toString();
        }
        int ofDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        text.setLength(0);
        text.append(cachedDate).append('T');
        two(ofDay / 3_600_000);
        text.append(':');
        two(ofDay / 60_000 % 60);
        text.append(':');
        two(ofDay / 1000 % 60);
        text.append('.');
        int millis = ofDay % 1000;
        text.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
        return text.append('Z');
    }

    private void two(int value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
