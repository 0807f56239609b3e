package io.setlist.sql.completion;

import io.setlist.sql.copy.DatedReplace;

import javax.sql.DataSource;
import java.time.LocalDate;

/** Per-track completion probabilities of a business date. */
public final class CompletionTable {
    private final DataSource ds;

    public CompletionTable(DataSource ds) {
        this.ds = ds;
    }

    /** Replaces the date's rows in one transaction. */
    public DatedReplace replace(LocalDate date) {
        return DatedReplace.open(ds, "completion/delete_date.sql", "completion/copy_in.sql", date);
    }

    public static void add(DatedReplace replace, int trackId, int plays, int completions, double probability) {
        replace.row().field(trackId).field(plays).field(completions).field(probability);
        replace.endRow();
    }
}
