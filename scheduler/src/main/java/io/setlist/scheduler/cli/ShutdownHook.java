package io.setlist.scheduler.cli;

import io.setlist.scheduler.SetlistService;
import io.setlist.scheduler.config.Backends;

/** Ctrl-C or SIGTERM: stop taking triggers, let a running job finish, stop serving, stop embedded servers. */
public final class ShutdownHook {
    private ShutdownHook() {
    }

    public static void install(SetlistService service, Backends backends) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } finally {
                backends.close();
            }
        }, "setlist-shutdown"));
    }
}
