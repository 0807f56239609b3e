package io.setlist.sql.load;

import java.util.List;

/** The columns of one kind of import file and how a data row becomes the staging table's values. */
interface RowRules {
    /**
     * The columns in file order: the expected header line (when the file has one), the number and order of fields
     * in a row, or the keys a JSON line is read by.
     */
    List<String> header();

    /** Rows (and the header) may leave off trailing optional columns down to this many. */
    default int minFields() {
        return header().size();
    }

    /**
     * Checks one row, whose field count is within [{@link #minFields()}, header size] (missing trailing fields
     * read as empty), and fills {@code staged} (one slot per data column of the target's staging table) with values
     * in PostgreSQL input syntax, null for NULL. Fields from JSON lines may be null.
     */
    void stage(List<String> fields, String[] staged) throws RejectedField;
}
