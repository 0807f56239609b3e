package io.setlist.sql.events;

import io.setlist.sql.InTransaction;
import io.setlist.sql.SqlResource;
import io.setlist.sql.retention.Rollups;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data-retention purge: events older than the retention window go, a whole monthly partition at a time
 * ({@code DROP TABLE} of the partition, not a DELETE). A partition goes only when every day of it is older than the
 * cutoff, so events up to a month beyond the window can remain until their month has fully expired. The rollups
 * are brought up to date first, so retention keeps the history the purge removes.
 */
public final class EventPurge {
    private static final DateTimeFormatter PARTITION_MONTH = DateTimeFormatter.ofPattern("'events_p'yyyyMM");

    private final DataSource ds;

    public EventPurge(DataSource ds) {
        this.ds = ds;
    }

    /** What a purge dropped; {@code cutoff} is the first day kept. */
    public record Result(LocalDate cutoff, List<String> droppedPartitions, long eventsDropped, int partitionsKept) {
    }

    /**
     * Drops the partitions whose month ends on or before the cutoff: {@code retentionDays} before the business date
     * or before the newest day with events, whichever is earlier. The window is measured from the data as well as
     * from the date, so a business date far ahead of the warehouse (a typo, a clock gone wrong) can never empty
     * it: the newest {@code retentionDays} of events always stay.
     */
    public Result purge(LocalDate businessDate, int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("the event retention window must be at least 1 day, got " + retentionDays);
        }
        Optional<LocalDate> newest = new EventCalendar(ds).lastEventDay();
        LocalDate from = newest.filter(day -> day.isBefore(businessDate)).orElse(businessDate);
        LocalDate cutoff = from.minusDays(retentionDays);
        new Rollups(ds).refresh();
        return InTransaction.run(ds, "event purge failed for " + businessDate, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(SqlResource.load("rollups/lock.sql"));
                List<String> dropped = new ArrayList<>();
                long events = 0;
                int kept = 0;
                for (String partition : partitions(s)) {
                    YearMonth month = monthOf(partition);
                    if (month != null && !month.plusMonths(1).atDay(1).isAfter(cutoff)) {
                        events += count(s, partition);
                        s.execute(SqlResource.load("purge/drop_partition.sql").replace("{partition}", partition));
                        dropped.add(partition);
                    } else {
                        kept++;
                    }
                }
                return new Result(cutoff, dropped, events, kept);
            }
        });
    }

    private static List<String> partitions(Statement s) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SqlResource.load("purge/partitions.sql"))) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The month a partition holds, or null for a partition this code did not create (left alone). */
    static YearMonth monthOf(String partition) {
        if (!partition.matches("events_p\\d{6}")) {
            return null;
        }
        return YearMonth.parse(partition, PARTITION_MONTH);
    }

    /** Names come from pg_class and match events_pYYYYMM, so they are safe to put into the statement. */
    private static long count(Statement s, String partition) throws SQLException {
        String sql = SqlResource.load("purge/count_partition.sql").replace("{partition}", partition);
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
