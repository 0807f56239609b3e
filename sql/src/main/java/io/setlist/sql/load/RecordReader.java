package io.setlist.sql.load;

import java.io.Closeable;

/** Splits an import file into records, each with the line it starts on and its raw text. */
public interface RecordReader extends Closeable {
    /** The next record, or null at the end of the input. Blank lines are skipped, but still counted. */
    SourceRecord next();

    @Override
    void close();
}
