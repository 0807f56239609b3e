package io.setlist.sql.load;

import java.util.List;

/**
 * One CSV record as read.
 *
 * @param lineNo  the physical line (1-based) the record starts on; a quoted field may carry it over several lines
 * @param fields  the unquoted field values
 * @param rawLine the record's text as in the file, without its line end
 * @param problem why the record is not well-formed CSV, or null when it is
 */
public record CsvRecord(long lineNo, List<String> fields, String rawLine, String problem) {
}
