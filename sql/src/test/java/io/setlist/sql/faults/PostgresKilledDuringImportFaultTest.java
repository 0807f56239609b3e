package io.setlist.sql.faults;

import io.setlist.sql.Database;
import io.setlist.sql.RestartablePostgres;
import io.setlist.sql.load.ImportFormat;
import io.setlist.sql.load.ImportProgress;
import io.setlist.sql.load.WorkloadImport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL is killed (SIGKILL to every server process) in the middle of streaming an events file, then started
 * again on the same data directory and port: the import fails with an error naming the file, nothing of the file
 * is in the warehouse after crash recovery, and importing again loads all of it.
 */
@Tag("fault")
class PostgresKilledDuringImportFaultTest {
    private static final int EVENTS = 300_000;

    @TempDir
    Path home;

    @Test
    void aServerKilledMidImportLeavesNothingHalfLoadedAndTheReimportCompletes() throws Exception {
        Path files = home.resolve("files");
        ImportFiles.write(files, EVENTS);
        RestartablePostgres pg = RestartablePostgres.start(home);
        PostgresProcesses processes = new PostgresProcesses(pg.dataDirectory());
        try (pg; Database db = pg.open(2)) {
            WorkloadImport.importPath(db.dataSource(), ImportFormat.SETLIST, files.resolve("users.csv"),
                    ImportProgress.NONE);
            AtomicBoolean killed = new AtomicBoolean();
            ImportProgress killMidway = new ImportProgress() {
                @Override
                public void advanced(String file, long bytesRead, long rows) {
                    // Called every 65,536 rows: the first time, the COPY is well under way.
                    if (killed.compareAndSet(false, true)) {
                        processes.killHard();
                    }
                }
            };

            assertThatThrownBy(() -> WorkloadImport.importPath(db.dataSource(), ImportFormat.SETLIST,
                    files.resolve("events.csv"), killMidway))
                    .hasMessageContaining("events.csv");
            assertThat(killed).isTrue();

            pg.restart(); // same data directory and port: crash recovery
            // The pool replaces its dead connections by itself: the same DataSource works again.
            assertThat(count(db, "events")).isZero();
            assertThat(count(db, "imports")).isEqualTo(1);
            assertThat(count(db, "quarantine")).isZero();
            assertThat(count(db, "rollup_pending_days")).isZero();

            WorkloadImport.ImportReport rerun = WorkloadImport.importPath(db.dataSource(), ImportFormat.SETLIST,
                    files, ImportProgress.NONE);
            assertThat(rerun.file("users.csv").orElseThrow().skippedAsDuplicate()).isTrue();
            assertThat(rerun.file("events.csv").orElseThrow().loaded()).isEqualTo(EVENTS);
            assertThat(count(db, "events")).isEqualTo(EVENTS);
        }
    }

    private static long count(Database db, String table) throws java.sql.SQLException {
        return RestartablePostgres.count(db.dataSource(), table);
    }
}
