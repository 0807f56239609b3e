package io.setlist.scheduler.api;

import io.javalin.http.Context;

/**
 * Conditional GET: a published run never changes, so its id is a strong validator for every answer cut from it.
 * Sets {@code ETag} and {@code Cache-Control}; answers 304 when {@code If-None-Match} names the current run.
 */
final class RunETag {
    /** {@code private}: answers are per key; a minute keeps clients close to a freshly flipped run. */
    static final String CACHE_CONTROL = "private, max-age=60";

    private RunETag() {
    }

    static String of(String runId) {
        return "\"" + runId + "\"";
    }

    /** True when the answer is a 304 and the endpoint must not write a body. */
    static boolean notModified(Context ctx, String runId) {
        String etag = of(runId);
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", CACHE_CONTROL);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            ctx.status(304);
            return true;
        }
        return false;
    }

    private static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
