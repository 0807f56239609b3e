package io.setlist.scheduler.cli;

import io.setlist.scheduler.pipeline.BusinessDate;
import picocli.CommandLine;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Converts a business-date option ({@code run --date}, {@code --from}, {@code --to}, {@code models train --date}):
 * YYYY-MM-DD, not later than today (UTC). A bad one fails while the command line is parsed, before any server is
 * touched, and picocli exits 2 with the option's name and this message.
 */
final class BusinessDateOption implements CommandLine.ITypeConverter<LocalDate> {
    private final Clock clock;

    BusinessDateOption() {
        this(Clock.systemUTC());
    }

    BusinessDateOption(Clock clock) {
        this.clock = clock;
    }

    @Override
    public LocalDate convert(String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a date YYYY-MM-DD");
        }
        try {
            return BusinessDate.requireNotFuture(date, clock);
        } catch (BusinessDate.FutureDateException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
