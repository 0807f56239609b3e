package io.setlist.sql.load;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldValuesTest {
    private final FieldValues values = new FieldValues(Instant.parse("2026-11-25T12:00:00Z"));

    @Test
    void passesTheCanonicalShapeThroughAndNormalisesTheOthersToUtc() throws RejectedField {
        assertThat(values.timestamp("2026-10-03T18:22:05.123Z", "ts")).isEqualTo("2026-10-03T18:22:05.123Z");
        assertThat(values.timestamp("2026-10-03T20:22:05+02:00", "ts")).isEqualTo("2026-10-03T18:22:05Z");
        assertThat(values.timestamp("2026-10-03T18:22:05Z", "ts")).isEqualTo("2026-10-03T18:22:05Z");
        assertThat(values.timestamp(" 2026-10-03 18:22:05 ", "ts")).isEqualTo("2026-10-03T18:22:05Z");
        assertThat(values.timestamp("2026-10-03 18:22:05.5", "ts")).isEqualTo("2026-10-03T18:22:05.500Z");
    }

    @Test
    void rejectsImpossibleDatesInEveryShape() {
        assertThatThrownBy(() -> values.timestamp("2026-02-30T10:00:00.000Z", "ts"))
                .hasMessage("not a timestamp: '2026-02-30T10:00:00.000Z'");
        assertThatThrownBy(() -> values.timestamp("2026-02-30 10:00:00", "ts"))
                .hasMessage("not a timestamp: '2026-02-30 10:00:00'");
        assertThatThrownBy(() -> values.timestamp("2026-02-30T10:00:00+01:00", "ts"))
                .hasMessageStartingWith("not a timestamp");
        assertThatThrownBy(() -> values.timestamp("2026-10-03T24:00:00.000Z", "ts"))
                .hasMessage("not a timestamp: '2026-10-03T24:00:00.000Z'");
        assertThatThrownBy(() -> values.timestamp("2026-10-03T18:22:05", "ts"))
                .as("no offset and no space: the zone is unknown").hasMessageStartingWith("not a timestamp");
    }

    @Test
    void acceptsTimesUpToADayAfterNowAndNoneBefore1990() throws RejectedField {
        assertThat(values.timestamp("2026-11-26T11:59:59.000Z", "ts")).isNotNull();
        assertThatThrownBy(() -> values.timestamp("2026-11-26T12:00:01.000Z", "ts"))
                .hasMessage("ts outside 1990-01-01 .. now + 1 day: '2026-11-26T12:00:01.000Z'");
        assertThatThrownBy(() -> values.timestamp("1989-12-31T23:59:59Z", "ts"))
                .hasMessageStartingWith("ts outside");
        assertThatThrownBy(() -> values.optionalDate("1989-12-31", "install_date"))
                .hasMessage("install_date outside 1990-01-01 .. now + 1 day: '1989-12-31'");
        assertThat(values.optionalDate("", "install_date")).isNull();
    }

    @Test
    void checksWholeNumbersAndTheirRange() throws RejectedField {
        assertThat(FieldValues.requiredLong(" 42 ", "plays", 1, 100)).isEqualTo(42);
        assertThat(FieldValues.optionalLong("", "age", 0, 1)).isNull();
        assertThatThrownBy(() -> FieldValues.requiredLong("", "plays", 1, 100)).hasMessage("missing plays");
        assertThatThrownBy(() -> FieldValues.requiredLong("0", "plays", 1, 100))
                .hasMessage("plays must be between 1 and 100: '0'");
        assertThatThrownBy(() -> FieldValues.requiredLong("1e3", "plays", 1, 100))
                .hasMessage("not a whole number: '1e3'");
    }

    @Test
    void storesAnAbsurdAgeAsUnknownButRejectsAnUnreadableOne() throws RejectedField {
        UserRows users = new UserRows(values);
        String[] staged = new String[7];

        users.stage(java.util.List.of("u1", "M", "111", "SE", "", "TRUE"), staged);
        assertThat(staged).containsExactly("u1", "m", null, "SE", null, "true", null);
        users.stage(java.util.List.of("u1", "", "5", "", "", ""), staged);
        assertThat(staged[2]).isEqualTo("5");
        assertThat(staged[5]).isEqualTo("false");
        assertThatThrownBy(() -> users.stage(java.util.List.of("u1", "", "twelve", "", "", ""), staged))
                .isInstanceOfSatisfying(RejectedField.class, r -> assertThat(r.field()).isEqualTo("age"));
        assertThatThrownBy(() -> users.stage(java.util.List.of("u1", "", "", "", "", "yes"), staged))
                .hasMessage("premium must be true, false or empty: 'yes'");
    }
}
