package io.setlist.scheduler.api;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Date query parameters: {@code YYYY-MM-DD} within {@value #RANGE}. Java accepts years to ±999,999,999 and
 * PostgreSQL only 4713 BC .. 5874897 AD, so an unchecked date could reach the warehouse and fail there (a 500);
 * the range here is far inside both and covers any real data.
 */
final class ApiDates {
    static final LocalDate MIN = LocalDate.of(1970, 1, 1);
    static final LocalDate MAX = LocalDate.of(9999, 12, 31);
    static final String RANGE = "YYYY-MM-DD between 1970-01-01 and 9999-12-31";

    private ApiDates() {
    }

    /** {@code raw} as a date, or a 400 naming {@code parameter}; null or blank is "required". */
    static LocalDate parse(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiError.badParameter(parameter, parameter + " is required, as YYYY-MM-DD");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw.trim(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw ApiError.badParameter(parameter, parameter + " must be a date YYYY-MM-DD, got '"
                    + Limit.truncate(raw) + "'");
        }
        if (date.isBefore(MIN) || date.isAfter(MAX)) {
            throw ApiError.badParameter(parameter, parameter + " must be between " + MIN + " and " + MAX + ", got "
                    + date);
        }
        return date;
    }
}
