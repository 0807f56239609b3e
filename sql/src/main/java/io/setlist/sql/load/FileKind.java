package io.setlist.sql.load;

import io.setlist.sql.SqlResource;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The five import files, in dependency order: a file's keys must already be in the warehouse when a later file
 * refers to them. Each kind's SQL lives under {@code sql/load/<kind>/}: the staging table, the checks that need
 * the warehouse (unknown keys, duplicates) and the insert that maps external keys to surrogate ids.
 */
enum FileKind {
    USERS("users", UserRows::new),
    ARTISTS("artists", values -> new ArtistRows()),
    TRACKS("tracks", values -> new TrackRows()),
    PLAYS("plays", values -> new PlayRows()),
    EVENTS("events", EventRows::new);

    private final String name;
    private final Function<FieldValues, RowRules> rules;

    FileKind(String name, Function<FieldValues, RowRules> rules) {
        this.name = name;
        this.rules = rules;
    }

    String fileName() {
        return name + ".csv";
    }

    String label() {
        return name;
    }

    RowRules rules(FieldValues values) {
        return rules.apply(values);
    }

    String createStaging() {
        return SqlResource.load("load/" + name + "/create_staging.sql");
    }

    String rejectUnmatched() {
        return SqlResource.load("load/" + name + "/reject_unmatched.sql");
    }

    String insert() {
        return SqlResource.load("load/" + name + "/insert.sql");
    }

    /** The kind a file holds, judged by its name: {@code users.csv}, {@code users-2026-10.csv}, ... */
    static Optional<FileKind> forFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".csv")) {
            return Optional.empty();
        }
        for (FileKind kind : values()) {
            if (lower.equals(kind.fileName()) || lower.startsWith(kind.name + "-") || lower.startsWith(kind.name + "_")) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
