package io.setlist.scheduler.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one reader of environment variables: every setting of Setlist is read through here, once, when {@link Config}
 * is parsed. It turns a variable into a typed value and records, for each variable it was asked for, its meaning,
 * its default, its value and where that value came from, so that {@code setlist config} and the README's
 * Configuration table list exactly the variables the code reads: adding a read adds the row.
 *
 * <p>Contract: a malformed value does not stop the reading. It is recorded as a problem naming the variable, the
 * expected form and the value ({@code SETLIST_HTTP_PORT: expected an integer 0-65535, got "abc"}), and the default
 * stands in, so that one parse reports every problem at once. A blank variable counts as unset.
 *
 * <p>This is the only class of the main code that calls {@code System.getenv} ({@code SingleEnvironmentReaderTest}
 * enforces it).
 */
public final class ConfigParser {
    /** Where a setting's value came from. */
    public enum Source {
        DEFAULT, ENVIRONMENT;

        public String label() {
            return this == DEFAULT ? "default" : "environment";
        }
    }

    /**
     * One variable as read: {@code value} is what the code uses, as text ({@code ****} for a set secret).
     *
     * @param defaultText the default as the README states it, e.g. {@code ~/.setlist}, {@code unset (embedded)}
     */
    public record Setting(String variable, String meaning, String defaultText, String value, Source source,
                          boolean secret) {
    }

    private static final String MASK = "****";

    private final Map<String, String> environment;
    private final List<Setting> settings = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    ConfigParser(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment of this process: the one {@code System.getenv} call of Setlist. */
    public static Map<String, String> processEnvironment() {
        return System.getenv();
    }

    /** Every variable read so far, in the order read. */
    List<Setting> settings() {
        return List.copyOf(settings);
    }

    /** Every malformed value so far, one line each. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Text; {@code fallback} when unset. */
    String text(String variable, String fallback, String meaning) {
        return read(variable, meaning, false, fallback.isEmpty() ? "empty" : "`" + fallback + "`", () -> fallback,
                fallback, null, s -> s);
    }

    /** As {@link #text}, shown masked by {@code setlist config}: passwords, salts, keys. */
    String secret(String variable, String fallback, String meaning) {
        return read(variable, meaning, true, fallback.isEmpty() ? "empty" : "`" + fallback + "`", () -> fallback,
                fallback, null, s -> s);
    }

    /** Text, or {@code null} when unset; {@code unsetMeans} says what unset does, e.g. {@code embedded}. */
    String optional(String variable, String unsetMeans, String meaning) {
        return read(variable, meaning, false, unsetMeans.isEmpty() ? "unset" : "unset (" + unsetMeans + ")",
                () -> null, "", null, s -> s);
    }

    /** As {@link #optional}, then parsed; {@code null} when unset. */
    <T> T optional(String variable, String unsetMeans, String expected, Function<String, T> parse, String meaning) {
        return read(variable, meaning, false, unsetMeans.isEmpty() ? "unset" : "unset (" + unsetMeans + ")",
                () -> null, "", expected, parse);
    }

    /** True when the variable is set to anything at all (as {@code SETLIST_DEBUG=1}). */
    boolean flag(String variable, String meaning) {
        Boolean set = read(variable, meaning, false, "unset", () -> false, "", null, s -> true);
        return set;
    }

    /** An integer within {@code min..max}. */
    int integer(String variable, int fallback, int min, int max, String meaning) {
        String expected = max == Integer.MAX_VALUE
                ? (min == 1 ? "a positive integer" : "an integer >= " + min)
                : "an integer " + min + "-" + max;
        return read(variable, meaning, false, "`" + fallback + "`", () -> fallback, null, expected, s -> {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                throw new IllegalArgumentException();
            }
            return n;
        });
    }

    /** A decimal number that {@code valid} accepts; {@code fallback} may depend on settings read before. */
    double number(String variable, String defaultText, double fallback, String expected, DoublePredicate valid,
                  String meaning) {
        return read(variable, meaning, false, defaultText, () -> fallback, null, expected, s -> {
            double x = Double.parseDouble(s);
            if (!Double.isFinite(x) || !valid.test(x)) {
                throw new IllegalArgumentException();
            }
            return x;
        });
    }

    /**
     * A value in a form of its own: {@code defaultSpec} is the default as a user would write it, parsed like a set
     * value; {@code parse} throws {@link IllegalArgumentException} (or {@link NumberFormatException}) when the text
     * is not in the {@code expected} form.
     */
    <T> T parsed(String variable, String defaultSpec, String expected, Function<String, T> parse, String meaning) {
        return read(variable, meaning, false, "`" + defaultSpec + "`", () -> parse.apply(defaultSpec), defaultSpec,
                expected, parse);
    }

    /** As {@link #parsed}, with a default that is computed (the host name, the home directory) and so described. */
    <T> T computed(String variable, String defaultText, Supplier<T> fallback, String expected,
                   Function<String, T> parse, String meaning) {
        return read(variable, meaning, false, defaultText, fallback, null, expected, parse);
    }

    /**
     * @param fallbackShown how {@code setlist config} shows the default value ({@code null}: its {@code toString})
     * @param expected      the form a set value must have, for the problem line
     */
    private <T> T read(String variable, String meaning, boolean secret, String defaultText, Supplier<T> fallback,
                       String fallbackShown, String expected, Function<String, T> parse) {
        String raw = environment.get(variable);
        boolean set = raw != null && !raw.isBlank();
        T value = null;
        if (set) {
            try {
                value = parse.apply(raw.trim());
            } catch (IllegalArgumentException e) {
                String detail = e.getMessage() == null || e instanceof NumberFormatException ? ""
                        : " (" + e.getMessage().replaceFirst("^" + variable + ":? ", "") + ")";
                problems.add(variable + ": expected " + (expected == null ? "a valid value" : expected) + ", got \""
                        + (secret ? MASK : masked(raw)) + "\"" + (secret ? "" : masked(detail)));
                set = false;
            }
        }
        if (!set) {
            value = fallback.get();
        }
        String shown = set ? raw.trim() : fallbackShown != null ? fallbackShown : text(value);
        shown = masked(shown);
        if (secret && !shown.isEmpty()) {
            shown = MASK;
        }
        settings.add(new Setting(variable, meaning, defaultText, shown, set ? Source.ENVIRONMENT : Source.DEFAULT,
                secret));
        return value;
    }

    /**
     * {@code text} with the value of any {@code password=} parameter (of a JDBC URL, say) and the password of a
     * URI's user info ({@code amqp://user:secret@host}) masked.
     */
    private static String masked(String text) {
        return text.replaceAll("(?i)(password=)[^&;)\"']*", "$1" + MASK)
                .replaceAll("(://[^:/@\\s]*:)[^@/\\s]+@", "$1" + MASK + "@");
    }

    /** A value as a user would write it: {@code 2000}, not {@code 2000.0}. */
    private static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
