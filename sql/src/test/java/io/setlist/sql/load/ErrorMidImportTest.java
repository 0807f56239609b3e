package io.setlist.sql.load;

import io.setlist.sql.Database;
import io.setlist.sql.TestWarehouse;
import io.setlist.sql.workload.LastfmSynthetic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An {@link Error} (here an {@link OutOfMemoryError} thrown by the progress hook, which runs on the importing
 * thread) in the middle of a plays import must leave nothing behind: no plays, no users or artists the file
 * created, no quarantined rows, no row in the import ledger. Before, the rollback only ran for SQL and runtime
 * exceptions and restoring auto-commit then COMMITted the plays already copied, with no ledger row.
 */
class ErrorMidImportTest {
    private static final int USERS = 40;
    private static final int ARTISTS_PER_USER = 6;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"while streaming", "after the plays are copied"})
    void anErrorRollsBackTheWholeFileAndTheReimportSucceeds(String when) throws Exception {
        Path plays = writePlays();
        ImportProgress dying = new ImportProgress() {
            @Override
            public void advanced(String file, long bytesRead, long rows) {
                if (when.equals("while streaming") && rows > 0) {
                    throw new OutOfMemoryError("injected while streaming row " + rows);
                }
            }

            @Override
            public void phase(String file, String what) {
                if (when.equals("after the plays are copied") && what.startsWith("storing")) {
                    throw new OutOfMemoryError("injected after the plays were copied");
                }
            }
        };
        try (Database db = TestWarehouse.freshDatabase()) {
            assertThatThrownBy(() -> WorkloadImport.importPath(db.dataSource(), ImportFormat.LASTFM_360K, plays,
                    dying)).isInstanceOf(OutOfMemoryError.class).hasMessageContaining("injected");

            for (String table : List.of("plays", "users", "artists", "imports", "quarantine")) {
                assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM " + table)).as(table).containsExactly("0");
            }

            WorkloadImport.ImportReport again = WorkloadImport.importPath(db.dataSource(), ImportFormat.LASTFM_360K,
                    plays, ImportProgress.NONE);

            assertThat(again.loaded()).isEqualTo(USERS * ARTISTS_PER_USER);
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM plays"))
                    .containsExactly(Integer.toString(USERS * ARTISTS_PER_USER));
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM users")).containsExactly(Integer.toString(USERS));
            assertThat(LastfmImportTest.rows(db, "SELECT count(*) FROM imports")).containsExactly("1");
        }
    }

    private Path writePlays() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int u = 0; u < USERS; u++) {
            for (int a = 0; a < ARTISTS_PER_USER; a++) {
                text.append(String.format("%040x", u + 1)).append("\t\tArtist ").append((u + a) % 25).append('\t')
                        .append(10 + a).append('\n');
            }
        }
        Path file = dir.resolve(LastfmSynthetic.PLAYS_FILE);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
