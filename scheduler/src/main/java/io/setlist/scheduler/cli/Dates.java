package io.setlist.scheduler.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Business dates are UTC days; the default one is the last complete day. */
public final class Dates {
    private Dates() {
    }

    public static LocalDate yesterdayUtc() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }
}
