package io.setlist.scheduler.pipeline;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Business dates are UTC days that have begun: a run computes a day from the events it has, and a day later than
 * today would purge against a window that is not there yet and move the forward-only publish pointer past every
 * real day to come. Every place a business date enters (command line, admin API, scheduler, pipeline) checks it
 * here, against a {@link Clock} it was given, so tests can fix "today".
 */
public final class BusinessDate {
    private BusinessDate() {
    }

    /** Today, the UTC day of {@code clock}. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    /** Yesterday (UTC): the last complete day, the default business date. */
    public static LocalDate yesterday(Clock clock) {
        return today(clock).minusDays(1);
    }

    /** Returns {@code date}, or throws {@link FutureDateException} when it is later than today (UTC). */
    public static LocalDate requireNotFuture(LocalDate date, Clock clock) {
        LocalDate today = today(clock);
        if (date.isAfter(today)) {
            throw new FutureDateException(date, today);
        }
        return date;
    }

    /** A business date later than today. */
    public static final class FutureDateException extends IllegalArgumentException {
        public FutureDateException(LocalDate date, LocalDate today) {
            super("business date " + date + " is in the future (today is " + today + ", UTC); a run can only "
                    + "compute a day that has begun");
        }
    }
}
