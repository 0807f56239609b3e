package io.setlist.scheduler.api;

import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Refuses query parameters a route does not take, or gives twice: a typo must not be silently ignored. */
final class QueryParams {
    private QueryParams() {
    }

    static void only(Context ctx, Set<String> allowed) {
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw ApiError.badParameter(Limit.truncate(e.getKey()), "unknown query parameter '"
                        + Limit.truncate(e.getKey()) + "'; this route takes " + (allowed.isEmpty() ? "none" : allowed));
            }
            if (e.getValue().size() > 1) {
                throw ApiError.badParameter(e.getKey(), "query parameter '" + e.getKey() + "' is given more than once");
            }
        }
    }
}
