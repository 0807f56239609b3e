package io.setlist.sql.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One file of an import format, read row by row with exactly the rules the importer applies (its {@link FileSpec}:
 * syntax, header check, field checks, key mapping): each row comes with either its checked values, named by the
 * warehouse columns they load into, or the field and reason it is rejected for. The importer quarantines those
 * rows; the offline readers (evaluation without a warehouse) keep them as rejects. Either way the same file gives
 * the same keys and the same rejects, because there is only this one reading of it.
 *
 * <p>Checks that need the warehouse (unknown keys, pairs loaded before) are not made here; a reader without a
 * warehouse makes them against what it has read. Cost: one pass over the file, one reused array per row.
 *
 * <pre>{@code
 * try (FormatRows rows = FormatRows.open(ImportFormat.LASTFM_360K, file)) {
 *     while (rows.next()) {
 *         if (rows.rejected()) { ... rows.line(), rows.rejectedField(), rows.reason() ... }
 *         else { ... rows.value("user_key"), rows.value("artist_key"), rows.longValue("plays") ... }
 *     }
 * }
 * }</pre>
 */
public final class FormatRows implements AutoCloseable {
    private final ValidatedRows rows;
    private final List<String> columns;
    private final String fileName;

    private FormatRows(ValidatedRows rows, List<String> columns, String fileName) {
        this.rows = rows;
        this.columns = columns;
        this.fileName = fileName;
    }

    /**
     * Opens {@code file} as the file of {@code format} its name says it is ({@code users.csv},
     * {@code users-2026-11.csv}, ...; any name for a single-file format).
     *
     * @throws IllegalArgumentException when the file is missing, its name is none of the format's files, or its
     *                                  header line is not the expected one
     */
    public static FormatRows open(ImportFormat format, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing file " + file);
        }
        String name = file.getFileName().toString();
        FileSpec spec = format.specFor(name).orElseThrow(() -> new IllegalArgumentException(file + " is not a "
                + format.label() + " file; expected one of " + format.fileNames()));
        return new FormatRows(new ValidatedRows(file, spec, name, ImportProgress.NONE), spec.target().columnNames(),
                name);
    }

    /** The file's name, as rejects and quarantine rows name it. */
    public String fileName() {
        return fileName;
    }

    /** Moves to the next data row; false at the end of the file. */
    public boolean next() {
        return rows.next();
    }

    /** The physical line (1-based) the current row starts on. */
    public long line() {
        return rows.record().lineNo();
    }

    /** The current row's text as in the file. */
    public String rawLine() {
        return rows.record().rawLine();
    }

    /** True when the import would quarantine the current row for what the file itself shows. */
    public boolean rejected() {
        return rows.rejection() != null;
    }

    /** The field at fault in a rejected row, or null when the row as a whole is (or the row is not rejected). */
    public String rejectedField() {
        return rows.rejection() == null ? null : rows.rejection().field();
    }

    /** Why the current row is rejected, or null when it is not. */
    public String reason() {
        return rows.rejection() == null ? null : rows.rejection().reason();
    }

    /**
     * The checked value of a column of the warehouse table the file loads into ({@code user_key},
     * {@code artist_key}, {@code ts}, ...), in PostgreSQL input syntax; null when the row leaves it unknown.
     *
     * @throws IllegalArgumentException for a column the target table does not have
     */
    public String value(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(fileName + " loads no column " + column + "; columns: " + columns);
        }
        return rows.staged()[i];
    }

    /** {@link #value(String)} of a whole-number column, which must not be null. */
    public long longValue(String column) {
        String v = value(column);
        if (v == null) {
            throw new IllegalStateException(fileName + " line " + line() + ": " + column + " is unknown");
        }
        return Long.parseLong(v);
    }

    @Override
    public void close() {
        rows.close();
    }
}
