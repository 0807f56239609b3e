package io.setlist.sql.load;

import java.util.List;

/**
 * Pozytywka {@code users.jsonl}: user_id (int), name, city, street, favourite_genres, premium_user. The city is kept
 * as the country (the data has no country, age or gender, and the city is the segment the recommender's fallback
 * and the offline evaluation use); names and streets are not kept; a null premium_user is read as not premium. v1 rows that carry an extra {@code "id": -1}
 * key keep their user_id, which is valid: the extra key is ignored.
 */
final class PozytywkaUserRows implements RowRules {
    @Override
    public List<String> header() {
        return List.of("user_id", "name", "city", "street", "favourite_genres", "premium_user");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = Long.toString(FieldValues.requiredLong(f.get(0), "user_id", 0, Long.MAX_VALUE));
        staged[3] = FieldValues.optionalId(f.get(2));
        String premium = f.get(5);
        if (premium != null && !premium.equals("true") && !premium.equals("false")) {
            throw new RejectedField("premium_user", "premium_user must be true, false or null: "
                    + FieldValues.quote(premium));
        }
        staged[5] = premium == null ? "false" : premium;
    }
}
