package io.setlist.scheduler.cli;

import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.scheduler.pipeline.RunLeaseHeldException;
import io.setlist.sql.runs.RunLedger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** A run refused because another holds the job's lease exits 3 with the holder named; other failures exit 1. */
class ExitCodesTest {
    @CommandLine.Command(name = "probe")
    static final class Throwing implements Callable<Integer> {
        RuntimeException error;

        @Override
        public Integer call() {
            throw error;
        }
    }

    private static int run(RuntimeException error, StringWriter err) {
        Throwing command = new Throwing();
        command.error = error;
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err));
        return SetlistCli.execute(cli);
    }

    @Test
    void aHeldLeaseExits3AndNamesTheHolder() {
        LocalDate day = LocalDate.of(2026, 11, 30);
        RunLedger.Entry holder = new RunLedger.Entry("recommend", day, "2026-11-30.x", "RUNNING", 1,
                Instant.parse("2026-12-01T03:00:00Z"), null, null, null, null, "node-a", null,
                Instant.parse("2026-12-01T03:05:00Z"), null);
        StringWriter err = new StringWriter();
        // As the `all` chain meets it: wrapped or not, it is the same refusal.
        assertThat(run(new IllegalStateException("chain stopped", new RunLeaseHeldException("recommend", day, holder)),
                err)).isEqualTo(SetlistCli.EXIT_BUSY).isEqualTo(3);
        assertThat(err.toString()).contains("recommend for 2026-11-30 is already running (run 2026-11-30.x on node-a")
                .contains("lease until 2026-12-01T03:05:00Z");

        assertThat(run(new DailyPipeline.StageFailedException("recommend", day, "boom", null), new StringWriter()))
                .isEqualTo(1);
    }

    @Test
    void theSparkEngineAskedOfTheServiceSaysWhereItIs() {
        StringWriter err = new StringWriter();
        CommandLine cli = SetlistCli.commandLine(java.time.Clock.systemUTC());
        cli.setErr(new PrintWriter(err));
        // refused before any backend is opened: the service's classpath has no Spark
        assertThat(cli.execute("run", "recommend", "--engine", "spark")).isEqualTo(1);
        assertThat(err.toString()).contains("the Spark engine is not on the service's classpath")
                .contains("./setlist run recommend --engine spark");
        assertThat(cli.execute("run", "recommend", "--engine", "flink")).isEqualTo(1);
        assertThat(err.toString()).contains("--engine must be jvm or spark, got 'flink'");
    }
}
