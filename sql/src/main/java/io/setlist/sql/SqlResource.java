package io.setlist.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every query Setlist runs lives in a {@code .sql} file under {@code src/main/resources/sql/}: reviewable as SQL,
 * runnable in psql, and loaded once.
 */
public final class SqlResource {
    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlResource() {
    }

    /** The text of {@code sql/<name>}, e.g. {@code load("retention/cohort_retained.sql")}. */
    public static String load(String name) {
        return CACHE.computeIfAbsent(name, SqlResource::read);
    }

    /** The text of {@code sql/<name>}, or empty when there is no such resource. */
    public static java.util.Optional<String> optional(String name) {
        if (SqlResource.class.getResource("/sql/" + name) == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(load(name));
    }

    private static String read(String name) {
        String path = "/sql/" + name;
        try (InputStream in = SqlResource.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no SQL resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
