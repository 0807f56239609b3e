package io.setlist.sql.load;

/**
 * Thrown by a row's validation to send it to quarantine. Rejections are expected data, not bugs: no stack trace
 * is filled in, which keeps a file full of bad rows cheap to read.
 */
final class RejectedField extends Exception {
    private final String field;

    RejectedField(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    /** The column at fault, or null when the row as a whole is. */
    String field() {
        return field;
    }

    String reason() {
        return getMessage();
    }
}
