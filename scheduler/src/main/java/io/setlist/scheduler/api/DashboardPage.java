package io.setlist.scheduler.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /dashboard} and {@code GET /dashboard/assets/{file}}: the operations dashboard's page, script and style
 * sheet, from classpath resources under {@code io/setlist/scheduler/dashboard/}. They hold no data and need no key:
 * the page asks for the admin key and the script sends it as a Bearer header to the {@code /v1/admin/dashboard/*}
 * routes, keeping it in {@code sessionStorage} only (gone when the tab closes; never in a URL or a cookie, so there is
 * no ambient credential for a cross-site request to ride on).
 *
 * <p>The Content-Security-Policy allows only this origin's script and style and no inline script, so data drawn into
 * the page (always as text nodes) cannot run as code and the key cannot be sent anywhere else.
 */
final class DashboardPage implements Handler {
    static final String PAGE = "/dashboard";
    static final String ASSET = "/dashboard/assets/{file}";
    private static final String ROOT = "/io/setlist/scheduler/dashboard/";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Map<String, String> ASSETS = Map.of(
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> bodies;

    DashboardPage() {
        bodies = Map.of("index.html", read("index.html"), "dashboard.js", read("dashboard.js"),
                "dashboard.css", read("dashboard.css"));
    }

    /** The page and its assets as {@link ApiRoutes} serves and documents them: open, no key needed. */
    List<Route> routes() {
        return List.of(
                Route.open(PAGE, "The operations dashboard (HTML; asks for an admin key, kept in sessionStorage "
                        + "only)", this, op -> op.returnsFile("text/html").errors(400)),
                Route.open(ASSET, "The dashboard's script (dashboard.js) and style sheet (dashboard.css)", this,
                        op -> op.returnsFile("text/javascript", "text/css")
                                .pathParam("file", "dashboard.js or dashboard.css").errors(400, 404)));
    }

    @Override
    public void handle(Context ctx) {
        QueryParams.only(ctx, java.util.Set.of());
        boolean page = ctx.endpoints().matchedHttpEndpoint().path.equals(PAGE);
        String file = page ? "index.html" : ctx.pathParam("file");
        String type = page ? "text/html; charset=utf-8" : ASSETS.get(file);
        if (type == null) {
            throw ApiError.notFound("no dashboard asset '" + Limit.truncate(file) + "'");
        }
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type).result(bodies.get(file));
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardPage.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource " + ROOT + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
