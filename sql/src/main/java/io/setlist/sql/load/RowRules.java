package io.setlist.sql.load;

import java.util.List;

/** The columns of one kind of import file and how a data row becomes the staging table's values. */
interface RowRules {
    /** The expected header, which is also the number and order of fields in every row. */
    List<String> header();

    /**
     * Checks one row, whose field count already matches the header, and fills {@code staged} (one slot per
     * staging column after the bookkeeping ones) with values in PostgreSQL input syntax, null for NULL.
     */
    void stage(List<String> fields, String[] staged) throws RejectedField;
}
