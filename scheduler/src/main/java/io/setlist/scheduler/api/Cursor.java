package io.setlist.scheduler.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of a paged answer: the run it was cut from and the offset of the next item. A cursor of
 * a run that is no longer current is refused (410), so a client paging across a publish never mixes two runs.
 */
record Cursor(String runId, int offset) {
    private static final String VERSION = "c1";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + "|" + runId + "|" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset {@code raw} points at in {@code currentRunId}; 0 when absent. */
    static int offset(String raw, String currentRunId) {
        if (raw == null) {
            return 0;
        }
        Cursor cursor = decode(raw);
        if (!cursor.runId().equals(currentRunId)) {
            throw ApiError.cursorExpired("the cursor belongs to run " + cursor.runId() + " but the current run is "
                    + currentRunId + "; start again without a cursor");
        }
        return cursor.offset();
    }

    static Cursor decode(String raw) {
        String text;
        try {
            if (raw.length() > 200) {
                throw new IllegalArgumentException();
            }
            text = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = text.split("\\|", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION) || parts[1].isEmpty()) {
            throw invalid();
        }
        try {
            int offset = Integer.parseInt(parts[2]);
            if (offset < 0) {
                throw invalid();
            }
            return new Cursor(parts[1], offset);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ApiError invalid() {
        return ApiError.badParameter("cursor", "cursor is not one this API returned; pass nextCursor unchanged");
    }
}
