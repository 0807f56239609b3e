package io.setlist.scheduler.jobs;

import io.setlist.scheduler.config.ScheduleSettings;
import io.setlist.sql.Database;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/**
 * A second scheduler node in its own JVM (Quartz allows one scheduler of a name per JVM, and a real node death is
 * a process death). Arguments: jdbc url, user, node name. Reads commands from stdin: {@code trigger JOB DATE}.
 * Prints {@code ready} once it has joined the cluster.
 */
public final class ClusterNodeMain {
    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(args[0], args[1], "", 4)) {
            ScheduleSettings settings = new ScheduleSettings("off", Map.of(), 3, Duration.ofSeconds(1),
                    Duration.ofHours(36), Duration.ofSeconds(1), args[2]);
            ClusteredScheduler node = ClusteredScheduler.start(db.dataSource(),
                    ProbeStages.pipeline(db.dataSource(), args[2], 15_000), settings);
            // SIGTERM: stop taking triggers and give the running job its (short) grace, as `serve` does.
            Runtime.getRuntime().addShutdownHook(new Thread(node::close));
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                String[] command = line.trim().split(" ");
                if (command[0].equals("trigger")) {
                    node.trigger(command[1], LocalDate.parse(command[2]), false);
                    System.out.println("triggered");
                    System.out.flush();
                }
            }
            node.close();
        }
    }
}
