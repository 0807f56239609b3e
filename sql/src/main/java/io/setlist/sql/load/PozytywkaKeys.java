package io.setlist.sql.load;

/** Key checks shared by the Pozytywka files, whose dirty release (v1) carries {@code -1} and null ids. */
final class PozytywkaKeys {
    private PozytywkaKeys() {
    }

    /** A non-empty id that is not a negative number (v1 writes -1 for a lost id). */
    static String key(String value, String field) throws RejectedField {
        String id = FieldValues.requiredId(value, field);
        if (id.startsWith("-") && id.substring(1).chars().allMatch(Character::isDigit)) {
            throw new RejectedField(field, "invalid " + field + " " + FieldValues.quote(id));
        }
        return id;
    }
}
