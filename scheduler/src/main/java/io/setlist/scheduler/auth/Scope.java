package io.setlist.scheduler.auth;

import java.util.Locale;

/**
 * What an API key may do. {@code read}: recommendations, cache priorities, retention, the API description and
 * metrics. {@code admin}: runs and triggering jobs, and everything {@code read} may do.
 */
public enum Scope {
    READ, ADMIN;

    /** True when a key of this scope may call a route that requires {@code required}. */
    public boolean grants(Scope required) {
        return this == ADMIN || this == required;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String label) {
        for (Scope s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scope must be 'read' or 'admin', got '" + label + "'");
    }
}
