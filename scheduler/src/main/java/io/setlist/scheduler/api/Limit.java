package io.setlist.scheduler.api;

/** The {@code limit} query parameter: a whole number in [1, max], or the default when absent. */
final class Limit {
    private Limit() {
    }

    static int parse(String raw, int defaultValue, int max) {
        return parse(raw, defaultValue, max, "limit");
    }

    /** As {@link #parse(String, int, int)} for a whole-number parameter of another name. */
    static int parse(String raw, int defaultValue, int max, String name) {
        if (raw == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badParameter(name, name + " must be a whole number between 1 and " + max + ", got '"
                    + truncate(raw) + "'");
        }
        if (value < 1 || value > max) {
            throw ApiError.badParameter(name, name + " must be between 1 and " + max + ", got " + value);
        }
        return value;
    }

    /** Echoing input back is useful, echoing a megabyte of it is not. */
    static String truncate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
