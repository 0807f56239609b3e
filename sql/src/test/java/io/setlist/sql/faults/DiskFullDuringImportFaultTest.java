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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server runs out of room while an events file streams into its staging table: every file a server process
 * writes is capped at 20 MB (see {@link PostgresProcesses#capFileSize}), which fails PostgreSQL's file extension as
 * a full disk does. The import fails naming the file and the server's reason, nothing of the file is loaded, the
 * server stays up, and once there is room again the same import completes.
 */
@Tag("fault")
class DiskFullDuringImportFaultTest {
    private static final int EVENTS = 300_000;   // a staging table of ~40 MB
    private static final long CAP_BYTES = 20L << 20;   // above a 16 MB WAL segment: only the staging table hits it

    @TempDir
    Path home;

    @Test
    void aFullDiskFailsTheImportCleanlyAndTheRerunCompletes() throws Exception {
        Path files = home.resolve("files");
        ImportFiles.write(files, EVENTS);
        try (RestartablePostgres pg = RestartablePostgres.start(home); Database db = pg.open(2)) {
            PostgresProcesses processes = new PostgresProcesses(pg.dataDirectory());
            WorkloadImport.importPath(db.dataSource(), ImportFormat.SETLIST, files.resolve("users.csv"),
                    ImportProgress.NONE);
            processes.capFileSize(CAP_BYTES);

            assertThatThrownBy(() -> WorkloadImport.importPath(db.dataSource(), ImportFormat.SETLIST,
                    files.resolve("events.csv"), ImportProgress.NONE))
                    .hasMessageContaining("events.csv")
                    .hasMessageContaining("could not extend file");

            assertThat(RestartablePostgres.count(db.dataSource(), "events")).isZero();
            assertThat(RestartablePostgres.count(db.dataSource(), "imports")).isEqualTo(1);
            assertThat(RestartablePostgres.count(db.dataSource(), "quarantine")).isZero();

            processes.capFileSize(-1);
            WorkloadImport.ImportReport rerun = WorkloadImport.importPath(db.dataSource(), ImportFormat.SETLIST,
                    files, ImportProgress.NONE);
            assertThat(rerun.file("events.csv").orElseThrow().loaded()).isEqualTo(EVENTS);
            assertThat(RestartablePostgres.count(db.dataSource(), "events")).isEqualTo(EVENTS);
        }
    }
}
