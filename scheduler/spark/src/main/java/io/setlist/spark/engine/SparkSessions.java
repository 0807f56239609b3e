package io.setlist.spark.engine;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context of one Setlist command. Under {@code spark-submit} the master and every setting come from
 * there ({@code spark.*} system properties); {@code --master} overrides the master, and without either it is
 * {@code local[*]}. The web UI is off unless {@code spark.ui.enabled} says otherwise: several Setlist processes
 * share a machine and would race for port 4040.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /** @param master a Spark master URL, or null for spark-submit's (else {@code local[*]}) */
    public static JavaSparkContext start(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName)
                .setIfMissing("spark.master", "local[*]")
                .setIfMissing("spark.ui.enabled", "false")
                // The read gathers every play on the driver (12 bytes each): past ~90M plays that is over Spark's
                // 1 GB default, which would fail the run rather than protect the driver.
                .setIfMissing("spark.driver.maxResultSize", "0");
        if (master != null) {
            conf.setMaster(master);
        }
        return new JavaSparkContext(conf);
    }
}
