package io.setlist.scheduler.config;

import java.util.Map;

/** Reads typed values from environment variables; a malformed one fails naming the variable and the value. */
final class EnvValues {
    private EnvValues() {
    }

    /** The variable as an integer, or {@code fallback} when it is unset or blank. */
    static int integer(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    /** As {@link #integer}, and at least 1. */
    static int positive(Map<String, String> env, String name, int fallback) {
        int n = integer(env, name, fallback);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be a positive integer, got '" + env.get(name) + "'");
        }
        return n;
    }
}
