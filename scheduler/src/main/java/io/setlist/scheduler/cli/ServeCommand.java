package io.setlist.scheduler.cli;

import io.setlist.scheduler.SetlistService;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the read API and join the scheduler cluster that runs the daily pipeline on its Quartz "
                + "cron trigger (SETLIST_PIPELINE_CRON, UTC) until Ctrl-C or SIGTERM. Any number of nodes may "
                + "share one database: each trigger fires once.")
final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StartupConfig startup;

    @Option(names = "--port", description = "HTTP port (default: SETLIST_HTTP_PORT or 8080).")
    Integer port;

    @Option(names = "--no-schedule", description = "Serve only; do not join the scheduler cluster.")
    boolean noSchedule;

    @Override
    public Integer call() throws InterruptedException {
        Config config = startup.get();
        if (port != null) {
            config = config.withHttpPort(port);
        }
        Backends backends = Backends.open(config);
        SetlistService service = SetlistService.start(backends, config, !noSchedule);
        ShutdownHook.install(service, backends);
        System.out.println(backends.describe());
        System.out.printf("serving on http://localhost:%d (next scheduled run: %s)%n", service.port(),
                service.nextScheduledRun() == null ? "none" : service.nextScheduledRun());
        service.awaitShutdown();
        return 0;
    }
}
