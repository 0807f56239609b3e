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
 *
 * <p>Each data column is named, with its length limit: {@code :key} columns hold at most
 * {@link FieldValues#MAX_KEY_BYTES}, {@code :name} columns {@link FieldValues#MAX_NAME_BYTES} bytes of UTF-8. The
 * limits are checked on the staged values of every row, whatever the format and however its rules built them (a
 * Last.fm artist key made of its name), so that no format can load a key or name the publisher cannot write.
 */
enum LoadTarget {
    /** user_key, gender, age, country, install_date, premium, signup_date. */
    USERS("users", "user_key:key", "gender", "age", "country:key", "install_date", "premium", "signup_date"),
    ARTISTS("artists", "artist_key:key", "name:name"),
    TRACKS("tracks", "track_key:key", "artist_key:key", "title:name", "duration_ms", "size_bytes",
            "storage_class:key", "daily_cost"),
    /** Sets the storage of tracks already loaded. */
    TRACK_STORAGE("track_storage", "track_key:key", "storage_class:key", "daily_cost"),
    /** artist_name is used only when the file's format creates missing artists. */
    PLAYS("plays", "user_key:key", "artist_key:key", "plays", "artist_name:name"),
    EVENTS("events", "user_key:key", "ts", "event_name:key", "track_key:key", "session_id"),
    /** One direction of a friendship between two loaded users. */
    FRIENDSHIPS("friendships", "user_key:key", "friend_key:key"),
    /** A loaded user's tag on a loaded artist. */
    TAG_ASSIGNMENTS("tag_assignments", "user_key:key", "artist_key:key", "tag_id", "tagged_on");

    private final String name;
    private final String[] columnNames;
    private final int[] byteLimits;

    LoadTarget(String name, String... columns) {
        this.name = name;
        this.columnNames = new String[columns.length];
        this.byteLimits = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int colon = columns[i].indexOf(':');
            columnNames[i] = colon < 0 ? columns[i] : columns[i].substring(0, colon);
            String kind = colon < 0 ? "" : columns[i].substring(colon + 1);
            byteLimits[i] = kind.equals("key") ? FieldValues.MAX_KEY_BYTES
                    : kind.equals("name") ? FieldValues.MAX_NAME_BYTES : 0;
        }
    }

    /**
     * Checks the staged values of one row against the columns' length limits.
     *
     * @throws RejectedField naming the staging column, for the first value over its limit
     */
    void checkLimits(String[] staged) throws RejectedField {
        for (int i = 0; i < staged.length; i++) {
            if (byteLimits[i] > 0 && staged[i] != null) {
                FieldValues.withinLimit(staged[i], columnNames[i], byteLimits[i]);
            }
        }
    }

    String label() {
        return name;
    }

    /**
     * Whether the insert skips rows the warehouse already holds by their natural key (events: a file imported
     * again after it grew adds only its new rows) instead of every such row being rejected by the checks.
     */
    boolean skipsLoadedRows() {
        return this == EVENTS;
    }

    int columns() {
        return columnNames.length;
    }

    /** The staging table's data columns in order: what a row's checked values are. */
    java.util.List<String> columnNames() {
        return java.util.List.of(columnNames);
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
