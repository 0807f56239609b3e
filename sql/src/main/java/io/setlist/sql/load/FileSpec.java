package io.setlist.sql.load;

import io.setlist.sql.SqlResource;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One kind of file of an import format: its name, how it splits into records, how a record is checked and mapped,
 * the table it loads into, and the tables whose missing keys it creates instead of rejecting (the users or artists a
 * format only knows from its play or event rows).
 *
 * @param baseName   the file name ({@code users.csv}); {@code users-<anything>.csv} matches too
 * @param syntax     how the bytes split into records
 * @param headerLine the first line names the columns and is checked
 * @param rules      the row rules, made per import with the import's time window
 * @param target     the warehouse table
 * @param creates    the key tables (users, artists) to which a key the warehouse does not have yet is added, with
 *                   an unknown profile, instead of rejecting its row; through the staging path this runs
 *                   {@code load/<target>/create_<table>.sql} after staging, before the checks
 */
record FileSpec(String baseName, Syntax syntax, boolean headerLine, Function<FieldValues, RowRules> rules,
                LoadTarget target, Set<LoadTarget> creates) {

    /** How a file's bytes split into records. */
    enum Syntax {
        CSV, TSV, JSONL
    }

    FileSpec {
        creates = Set.copyOf(creates);
    }

    static FileSpec of(String baseName, Syntax syntax, boolean headerLine, Function<FieldValues, RowRules> rules,
                       LoadTarget target, LoadTarget... creates) {
        return new FileSpec(baseName, syntax, headerLine, rules, target, Set.of(creates));
    }

    RecordReader reader(InputStream in, List<String> keys) {
        return switch (syntax) {
            case CSV -> new CsvLineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            case TSV -> new TabLineReader(in);
            case JSONL -> new JsonLineReader(in, keys);
        };
    }

    /** The staging path's SQL that creates the missing keys, in dependency order (users before artists). */
    List<String> createSql() {
        return java.util.Arrays.stream(LoadTarget.values()).filter(creates::contains)
                .map(created -> SqlResource.load("load/" + target.label() + "/create_" + created.label() + ".sql"))
                .toList();
    }

    /**
     * {@code users.csv}, or {@code users-2026-10.csv} / {@code users_2026.csv} / {@code users.2026.csv} for
     * {@code users.csv} (HetRec's tag file circulates as {@code user_taggedartists.rejoined.dat}).
     */
    boolean matches(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        int dot = baseName.lastIndexOf('.');
        String stem = baseName.substring(0, dot);
        String extension = baseName.substring(dot);
        return lower.equals(baseName) || (lower.endsWith(extension)
                && (lower.startsWith(stem + "-") || lower.startsWith(stem + "_")
                || lower.startsWith(stem + ".")));
    }
}
