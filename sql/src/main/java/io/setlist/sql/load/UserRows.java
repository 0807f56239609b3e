package io.setlist.sql.load;

import java.util.List;
import java.util.Locale;

/** {@code users.csv}: user_id, gender, age, country, install_date, premium. */
final class UserRows implements RowRules {
    /** Ages the warehouse keeps; anything else is stored as unknown (NULL) rather than rejected. */
    static final int MIN_AGE = 5;
    static final int MAX_AGE = 110;

    private final FieldValues values;

    UserRows(FieldValues values) {
        this.values = values;
    }

    @Override
    public List<String> header() {
        return List.of("user_id", "gender", "age", "country", "install_date", "premium");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = FieldValues.requiredId(f.get(0), "user_id");
        staged[1] = gender(f.get(1));
        Long age = FieldValues.optionalLong(f.get(2), "age", Integer.MIN_VALUE, Integer.MAX_VALUE);
        staged[2] = age == null || age < MIN_AGE || age > MAX_AGE ? null : age.toString();
        staged[3] = FieldValues.optionalId(f.get(3));
        staged[4] = values.optionalDate(f.get(4), "install_date");
        staged[5] = premium(f.get(5));
        staged[6] = null; // signup_date: not in users.csv
    }

    static String gender(String value) throws RejectedField {
        String g = value.trim().toLowerCase(Locale.ROOT);
        if (g.isEmpty()) {
            return null;
        }
        if (g.equals("m") || g.equals("f") || g.equals("n")) {
            return g;
        }
        throw new RejectedField("gender", "gender must be m, f, n or empty: " + FieldValues.quote(value));
    }

    private static String premium(String value) throws RejectedField {
        String p = value.trim().toLowerCase(Locale.ROOT);
        if (p.isEmpty() || p.equals("false")) {
            return "false";
        }
        if (p.equals("true")) {
            return "true";
        }
        throw new RejectedField("premium", "premium must be true, false or empty: " + FieldValues.quote(value));
    }
}
