package io.setlist.scheduler.pipeline;

import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.sql.workload.SyntheticWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportStageTest {
    @TempDir
    Path home;

    @Test
    void theImportJobLoadsTheInboxInReferenceOrderAndSkipsFilesItAlreadyLoaded() throws Exception {
        Path generated = home.resolve("generated");
        SyntheticWorkload.generate(new SyntheticWorkload.Settings(120, 5, 9, LocalDate.parse("2026-08-01")), generated);
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        // Dropped under dated names, and listed in an order where events would come before their users.
        for (String kind : new String[] {"events", "plays", "tracks", "artists", "users"}) {
            Files.copy(generated.resolve(kind + ".csv"), inbox.resolve(kind + "-2026-08-05.csv"));
            Files.writeString(inbox.resolve(kind + "-2026-08-05.csv.done"), "");
        }
        Files.writeString(inbox.resolve("notes.txt"), "not a data file");
        Config settings = RealBackends.isolatedConfig(home, Map.of("SETLIST_INBOX", inbox.toString()));
        try (Backends backends = Backends.open(settings)) {
            DailyPipeline pipeline = DailyPipeline.standard(backends, settings);
            assertThat(pipeline.jobs()).first().isEqualTo("import");
            DailyPipeline.StageReport first = pipeline.runOne("import", LocalDate.parse("2026-08-05"), false);
            assertThat(first.rowsOut()).isEqualTo(first.rowsIn()).isPositive();
            assertThat(first.summary()).contains("5 file(s)").contains("0 already imported").contains(", 0 quarantined");
            DailyPipeline.StageReport again = pipeline.runOne("import", LocalDate.parse("2026-08-06"), false);
            assertThat(again.rowsOut()).isZero();
            assertThat(again.summary()).contains("(5 already imported)");
        }
    }
}
