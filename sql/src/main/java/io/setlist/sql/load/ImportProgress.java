package io.setlist.sql.load;

/** Told how an import advances, for a progress bar or log lines; called on the importing thread. */
public interface ImportProgress {
    /** Nothing is shown. */
    ImportProgress NONE = new ImportProgress() {
    };

    /** Streaming of {@code file} ({@code bytes} long) into staging begins. */
    default void started(String file, long bytes) {
    }

    /** {@code bytesRead} of the file and {@code rows} data rows have been streamed so far. */
    default void advanced(String file, long bytesRead, long rows) {
    }

    /** Streaming is over; the import is now in a server-side step (checks, insert). */
    default void phase(String file, String what) {
    }

    /** The file is committed (or was skipped). */
    default void finished(WorkloadImport.FileReport report) {
    }
}
