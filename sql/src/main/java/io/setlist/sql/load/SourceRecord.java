package io.setlist.sql.load;

import java.util.List;

/**
 * One record of an import file as read (a CSV record, a tab-separated line or a JSON line).
 *
 * @param lineNo  the physical line (1-based) the record starts on; a quoted field may carry it over several lines
 * @param fields  the field values (unquoted; null for a JSON null or an absent key)
 * @param rawLine the record's text as in the file, without its line end
 * @param problem why the record is not well-formed (CSV quoting, encoding, JSON syntax), or null when it is
 */
public record SourceRecord(long lineNo, List<String> fields, String rawLine, String problem) {
}
