package io.setlist.spark.cli;

import io.setlist.scheduler.cli.StartupConfig;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.scheduler.config.PipelineSettings;
import io.setlist.spark.engine.EngineComparison;
import io.setlist.spark.engine.Partitioning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench spark}: the single-JVM recommend stage against the same stage on Spark, on the same data. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the Spark engine.",
        subcommands = SparkBenchCommand.Spark.class)
final class SparkBenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "spark", mixinStandardHelpOptions = true,
            description = "For each size: generate Last.fm-360K-shaped files (seed 42, kept in $SETLIST_HOME/bench), "
                    + "import them into a throwaway embedded PostgreSQL, run the recommend stage single-JVM "
                    + "(threads = the master's cores) and on Spark, check the two tables are identical, and print "
                    + "times, their ratio, accumulations, Spark's shuffle and result bytes and the peak heap.")
    static final class Spark implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StartupConfig startup;

        @Option(names = "--users", split = ",", defaultValue = "25000,50000,100000",
                description = "Sizes, comma-separated (default: ${DEFAULT-VALUE}).")
        List<Integer> users;

        @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
        String master;

        @Option(names = "--tasks", defaultValue = "0", description = "Neighbour-search tasks; 0 = four per core (default).")
        int tasks;

        @Option(names = "--partitioning", defaultValue = "broadcast", description = "The Spark engine's mode: "
                + "broadcast (default) or blocks (user blocks; no process holds the matrix).")
        String partitioning;

        @Option(names = "--blocks", defaultValue = "0", description = "B of --partitioning blocks; 0 = 2 x cores.")
        int blocks;

        @Option(names = "--rank-units", defaultValue = "0", description = "U, ranking tasks of --partitioning blocks; "
                + "0 = B.")
        int rankUnits;

        @Override
        public Integer call() {
            PipelineSettings pipeline = startup.get().pipeline();
            Path home = startup.get().home();
            EngineComparison.run(users, master, tasks, new Partitioning(partitioning,
                            pipeline.sparkBroadcastLimitMb(), blocks, rankUnits), DailyPipeline.recommenderSettings(pipeline),
                    home.resolve("bench"), System.out);
            return 0;
        }
    }
}
