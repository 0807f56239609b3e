package io.setlist.sql.events;

import io.setlist.sql.RowStream;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.Optional;

/** Which days the event warehouse covers. */
public final class EventCalendar {
    private final DataSource ds;

    public EventCalendar(DataSource ds) {
        this.ds = ds;
    }

    /** The last UTC day with any event, or empty when there are none. */
    public Optional<LocalDate> lastEventDay() {
        LocalDate[] day = new LocalDate[1];
        RowStream.forEach(ds, "events/last_event_day.sql", s -> { }, rs -> day[0] = rs.getObject(1, LocalDate.class));
        return Optional.ofNullable(day[0]);
    }
}
