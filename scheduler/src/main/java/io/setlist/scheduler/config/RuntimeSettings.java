package io.setlist.scheduler.config;

import java.util.List;
import java.util.Locale;

/**
 * How the process reports what it does.
 *
 * @param logLevel level of Setlist's own log lines, or {@code null} when unset (logback's configuration reads the
 *                 same variable, with {@code INFO} when unset; the demo quiets an unset level to WARN)
 * @param debug    print stack traces of command-line errors
 */
public record RuntimeSettings(String logLevel, boolean debug) {
    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    static RuntimeSettings read(ConfigParser p) {
        String level = p.optional("SETLIST_LOG_LEVEL", "`INFO`", String.join(", ", LEVELS), RuntimeSettings::level,
                "level of Setlist's own log lines (stderr, one line per event, with job, date and run id)");
        // Read by the ./setlist launcher before this JVM starts; read here only so that `setlist config` shows it.
        p.optional("SETLIST_JAVA_OPTS", "`-Xmx8g`; serving commands add a fixed G1 marking threshold, see **Serving JVM**",
                "JVM options used by `./setlist`; when set, the launcher adds none of its own");
        return new RuntimeSettings(level, p.flag("SETLIST_DEBUG", "print stack traces of command-line errors"));
    }

    private static String level(String s) {
        String upper = s.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException();
        }
        return upper;
    }
}
