package io.setlist.sql.load;

import io.setlist.sql.SqlResource;

/**
 * A warehouse table an import file is loaded into, through its staging table. Every format maps its files onto
 * these. The SQL lives under {@code sql/load/<name>/}: {@code create_staging.sql} (bookkeeping columns, then
 * {@link #columns()} data columns), {@code reject_unmatched.sql} (checks that need the warehouse: unknown keys,
 * duplicates) and {@code insert.sql} (one statement; its row count is what was loaded), and optionally
 * {@code before_insert.sql} and {@code after_insert.sql} (events: create the monthly partitions the rows need, and
 * mark their days for the retention rollups). {@link #PLAYS} has only {@code create_staging.sql}: its files are
 * checked in memory and COPYed straight into the table ({@link PlayCopy}).
 */
enum LoadTarget {
    /** user_key, gender, age, country, install_date, premium, signup_date. */
    USERS("users", "user_key", "gender", "age", "country", "install_date", "premium", "signup_date"),
    /** artist_key, name. */
    ARTISTS("artists", "artist_key", "name"),
    /** track_key, artist_key, title, duration_ms, size_bytes, storage_class, daily_cost. */
    TRACKS("tracks", "track_key", "artist_key", "title", "duration_ms", "size_bytes", "storage_class",
            "daily_cost"),
    /** track_key, storage_class, daily_cost: sets the storage of tracks already loaded. */
    TRACK_STORAGE("track_storage", "track_key", "storage_class", "daily_cost"),
    /** user_key, artist_key, plays, artist_name (used only when the file's format creates missing artists). */
    PLAYS("plays", "user_key", "artist_key", "plays", "artist_name"),
    /** user_key, ts, event_name, track_key, session_id. */
    EVENTS("events", "user_key", "ts", "event_name", "track_key", "session_id");

    private final String name;
    private final java.util.List<String> columnNames;

    LoadTarget(String name, String... columnNames) {
        this.name = name;
        this.columnNames = java.util.List.of(columnNames);
    }

    String label() {
        return name;
    }

    int columns() {
        return columnNames.size();
    }

    /** The staging table's data columns in order: what a row's checked values are. */
    java.util.List<String> columnNames() {
        return columnNames;
    }

    String createStaging() {
        return SqlResource.load("load/" + name + "/create_staging.sql");
    }

    String rejectUnmatched() {
        return SqlResource.load("load/" + name + "/reject_unmatched.sql");
    }

    java.util.Optional<String> beforeInsert() {
        return SqlResource.optional("load/" + name + "/before_insert.sql");
    }

    java.util.Optional<String> afterInsert() {
        return SqlResource.optional("load/" + name + "/after_insert.sql");
    }

    String insert() {
        return SqlResource.load("load/" + name + "/insert.sql");
    }
}
