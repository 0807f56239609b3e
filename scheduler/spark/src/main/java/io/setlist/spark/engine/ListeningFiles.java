package io.setlist.spark.engine;

import io.setlist.lab.bench.SyntheticListening;
import io.setlist.recommender.profile.UserProfile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link SyntheticListening} (the matrix {@code bench recs} measures) as the two Last.fm 360K files, so the
 * benchmark loads it through the real import: user {@code n} is sha1 {@code %040x}, artist {@code n} has no mbid and
 * is named {@code artist n}.
 */
final class ListeningFiles {
    static final String PLAYS = "usersha1-artmbid-artname-plays.tsv";
    static final String PROFILES = "usersha1-profile.tsv";

    private ListeningFiles() {
    }

    /** Writes the files unless both are there already (same users and seed give the same files). */
    static void writeIfMissing(int users, long seed, Path dir) {
        if (Files.isRegularFile(dir.resolve(PLAYS)) && Files.isRegularFile(dir.resolve(PROFILES))) {
            return;
        }
        SyntheticListening data = SyntheticListening.generate(users, seed);
        try {
            Files.createDirectories(dir);
            Path plays = dir.resolve(PLAYS + ".part");
            try (BufferedWriter w = Files.newBufferedWriter(plays, StandardCharsets.UTF_8)) {
                IOException[] failed = new IOException[1];
                data.forEachRow((user, artist, count) -> {
                    try {
                        w.write(String.format("%040x\t\tartist %d\t%d%n", user, artist, count));
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
            }
            Path profiles = dir.resolve(PROFILES + ".part");
            int[] ids = data.userIds();
            UserProfile[] p = data.profiles();
            try (BufferedWriter w = Files.newBufferedWriter(profiles, StandardCharsets.UTF_8)) {
                for (int i = 0; i < ids.length; i++) {
                    UserProfile u = p[i] == null ? UserProfile.unknown() : p[i];
                    w.write(String.format("%040x\t%s\t%s\t%s\tFeb 1, 2007%n", ids[i],
                            u.hasGender() ? String.valueOf(u.gender()) : "",
                            u.age() < 0 ? "" : Integer.toString(u.age()), u.country() == null ? "" : u.country()));
                }
            }
            Files.move(plays, dir.resolve(PLAYS), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(profiles, dir.resolve(PROFILES), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's files into " + dir, e);
        }
    }
}
