package io.setlist.sql.load;

import io.setlist.sql.SqlResource;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One kind of file of an import format: its name, how it splits into records, how a record is checked and mapped,
 * the table it loads into, and the SQL steps that run before the checks (creating the users or artists a format
 * only knows from its play or event rows).
 *
 * @param baseName   the file name ({@code users.csv}); {@code users-<anything>.csv} matches too
 * @param syntax     how the bytes split into records
 * @param headerLine the first line names the columns and is checked
 * @param rules      the row rules, made per import with the import's time window
 * @param target     the warehouse table
 * @param prepare    SQL resources run after staging, before the checks
 */
record FileSpec(String baseName, Syntax syntax, boolean headerLine, Function<FieldValues, RowRules> rules,
                LoadTarget target, List<String> prepare) {

    /** How a file's bytes split into records. */
    enum Syntax {
        CSV, TSV, JSONL
    }

    FileSpec {
        prepare = List.copyOf(prepare);
    }

    static FileSpec of(String baseName, Syntax syntax, boolean headerLine, Function<FieldValues, RowRules> rules,
                       LoadTarget target, String... prepare) {
        return new FileSpec(baseName, syntax, headerLine, rules, target, List.of(prepare));
    }

    RecordReader reader(InputStream in, List<String> keys) {
        return switch (syntax) {
            case CSV -> new CsvLineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            case TSV -> new TabLineReader(in);
            case JSONL -> new JsonLineReader(in, keys);
        };
    }

    List<String> prepareSql() {
        return prepare.stream().map(name -> SqlResource.load("load/" + name)).toList();
    }

    /** {@code users.csv}, or {@code users-2026-10.csv} / {@code users_2026.csv} for {@code users.csv}. */
    boolean matches(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        int dot = baseName.lastIndexOf('.');
        String stem = baseName.substring(0, dot);
        String extension = baseName.substring(dot);
        return lower.equals(baseName) || (lower.endsWith(extension)
                && (lower.startsWith(stem + "-") || lower.startsWith(stem + "_")));
    }
}
