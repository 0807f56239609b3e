package io.setlist.sql.load;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Last.fm 360K {@code usersha1-profile.tsv}: user sha1, gender, age, country, signup date ({@code Feb 1, 2007}).
 * Empty gender, age or country is unknown; an age outside 5..110 ({@code -1337}, a birth year) is kept as unknown
 * rather than rejecting the user; a country may hold commas ({@code Korea, Republic of}).
 */
final class LastfmProfileRows implements RowRules {
    private static final DateTimeFormatter SIGNUP = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH);

    private final FieldValues values;

    LastfmProfileRows(FieldValues values) {
        this.values = values;
    }

    @Override
    public List<String> header() {
        return List.of("user_sha1", "gender", "age", "country", "signup");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = LastfmPlayRows.userSha1(f.get(0));
        staged[1] = UserRows.gender(f.get(1));
        Long age = FieldValues.optionalLong(f.get(2), "age", Integer.MIN_VALUE, Integer.MAX_VALUE);
        staged[2] = age == null || age < UserRows.MIN_AGE || age > UserRows.MAX_AGE ? null : age.toString();
        staged[3] = FieldValues.optionalId(f.get(3));
        staged[4] = null;
        staged[5] = "false";
        staged[6] = signup(f.get(4));
    }

    private String signup(String value) throws RejectedField {
        String text = value.trim();
        if (text.isEmpty()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text, SIGNUP);
        } catch (DateTimeParseException e) {
            throw new RejectedField("signup", "not a date like 'Feb 1, 2007': " + FieldValues.quote(value));
        }
        return values.inRange(date, "signup", value);
    }
}
