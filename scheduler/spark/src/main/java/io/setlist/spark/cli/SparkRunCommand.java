package io.setlist.spark.cli;

import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.scheduler.cli.StageTable;
import io.setlist.scheduler.cli.StartupConfig;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.pipeline.BusinessDate;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.spark.engine.Partitioning;
import io.setlist.spark.engine.SparkRecommendStage;
import io.setlist.spark.engine.SparkSessions;
import io.setlist.spark.engine.WarehouseAddress;
import io.setlist.sql.runs.RunLedger;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code run recommend --engine spark}: the recommend job for one business date through the run ledger, as the
 * service's {@code run recommend} does, with the neighbour search and ranking on Spark.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the recommend job for a business date on Apache Spark (--engine spark). It goes through "
                + "the run ledger and writes the warehouse table the single-JVM job writes, so `run publish` and the "
                + "API are unchanged. Exit 3 if the job is already running for the date.")
final class SparkRunCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StartupConfig startup;

    @Parameters(index = "0", description = "recommend (the only job that runs on Spark).")
    String job;

    @Option(names = "--engine", required = true, description = "spark (the single-JVM engine is the service's own `run`).")
    String engine;

    @Option(names = "--master", description = "Spark master URL: local[N], spark://host:7077, yarn, k8s://https://host:443 "
            + "(default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--date", description = "Business date YYYY-MM-DD, not later than today (default: yesterday, UTC).")
    LocalDate date;

    @Option(names = "--tasks", defaultValue = "0", description = "Neighbour-search tasks (user blocks); 0 = four per core (default).")
    int tasks;

    @Option(names = "--partitioning", description = "broadcast (every executor gets the whole play matrix) or "
            + "blocks (user blocks; no process holds the matrix). Default: broadcast while 12 bytes a play fit in "
            + "SETLIST_SPARK_BROADCAST_LIMIT_MB, blocks above.")
    String partitioning;

    @Option(names = "--blocks", defaultValue = "0", description = "B, user blocks of --partitioning blocks; 0 = the "
            + "larger of 2 x cores and 48 bytes a play over SETLIST_SPARK_BROADCAST_LIMIT_MB (default).")
    int blocks;

    @Option(names = "--rank-units", defaultValue = "0", description = "U, ranking tasks of --partitioning blocks "
            + "(user-id ranges); 0 = B (default). More units: fewer rows a ranking task holds, more shuffle.")
    int rankUnits;

    @Option(names = "--force", description = "Run again even if recommend already succeeded for the date.")
    boolean force;

    @Override
    public Integer call() {
        if (!"recommend".equals(job)) {
            throw new IllegalArgumentException("only the recommend job runs on Spark; run '" + job
                    + "' without --engine spark");
        }
        if (!"spark".equals(engine)) {
            throw new IllegalArgumentException("--engine must be spark here, got '" + engine + "'");
        }
        Clock clock = Clock.systemUTC();
        LocalDate businessDate = date != null ? date : BusinessDate.yesterday(clock);
        Config config = startup.get();
        RecommenderSettings settings = DailyPipeline.recommenderSettings(config.pipeline());
        try (Backends backends = Backends.open(config);
             JavaSparkContext spark = SparkSessions.start("setlist-recommend " + businessDate, master)) {
            WarehouseAddress address = WarehouseAddress.of(backends.warehouse(), config.warehouse().jdbcPassword());
            SparkRecommendStage stage = new SparkRecommendStage(spark, backends.warehouse(), address, settings, tasks,
                    new Partitioning(partitioning == null ? "auto" : partitioning,
                            config.pipeline().sparkBroadcastLimitMb(), blocks, rankUnits));
            DailyPipeline pipeline = new DailyPipeline(List.of(stage),
                    new RunLedger(backends.warehouse(), config.pipeline().runLease()), clock, config.schedule().node());
            StageTable.print(List.of(pipeline.runOne("recommend", businessDate, force)));
        }
        return 0;
    }
}
