package org.seedplan.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.api.Route;
import org.seedplan.server.handlers.CookieHeaders;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.StaleVersionException;

/**
 * The seedplan web server: the routes of {@link Routes} behind the session, CSRF/Origin and permission
 * checks, errors as problem details, and the browser screens as static files. It keeps no state of its
 * own between requests (sessions live in the database), so several servers can share one database.
 */
public final class SeedplanServer implements AutoCloseable {

    private static final String REQUEST_ID = "requestId";

    private final Javalin app;
    private final Services services;

    private SeedplanServer(Javalin app, Services services) {
        this.app = app;
        this.services = services;
    }

    /** How long stopping waits for the background jobs to finish once they were asked to stop. */
    static final Duration JOBS_STOP_LIMIT = Duration.ofSeconds(60);

    /** Starts a server on {@code services}; returns once it listens. */
    public static SeedplanServer start(Services services) {
        ServerConfig cfg = services.config();
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.http.maxRequestSize = 512L * 1024 * 1024;
            c.jetty.multipartConfig.maxFileSize(512, io.javalin.config.SizeUnit.MB);
            c.jetty.multipartConfig.maxTotalRequestSize(1, io.javalin.config.SizeUnit.GB);
            // Jetty spools multipart bodies to disk (deleting them when the request completes): into this server's scratch folder
            c.jetty.multipartConfig.cacheDirectory(services.scratch().root().toString());
            if (SeedplanServer.class.getResource("/web") != null) {
                c.staticFiles.add(s -> {
                    s.hostedPath = "/";
                    s.directory = "/web";
                    s.location = Location.CLASSPATH;
                    s.headers = java.util.Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
                            "Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'",
                            "Referrer-Policy", "no-referrer");
                });
            }
        });
        app.before(ctx -> {
            ctx.attribute(REQUEST_ID, UUID.randomUUID().toString());
            ctx.header("X-Request-Id", ctx.<String>attribute(REQUEST_ID));
            if (ctx.path().startsWith("/api/")) {
                ctx.header("Cache-Control", "no-store");
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("X-Frame-Options", "DENY");
            }
        });
        SeedplanServer server = new SeedplanServer(app, services);
        for (Route r : Routes.all(services)) {
            app.addHttpHandler(r.method(), r.path(), ctx -> server.handle(r, ctx));
        }
        app.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e));
        app.exception(StaleVersionException.class, (e, ctx) -> problem(ctx, ApiProblem.conflict(e.getMessage(), "version")));
        app.exception(NotFoundException.class, (e, ctx) -> problem(ctx, ApiProblem.notFound("object")));
        app.exception(IllegalArgumentException.class, (e, ctx) -> problem(ctx, ApiProblem.badRequest(null, e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            org.slf4j.LoggerFactory.getLogger(SeedplanServer.class).error("request " + ctx.attribute(REQUEST_ID) + " failed", e);
            problem(ctx, new ApiProblem(500, "Internal error", "the server failed on this request (request id "
                    + ctx.attribute(REQUEST_ID) + "); the log has the details", null));
        });
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && !"application/problem+json".equals(ctx.res().getContentType())) {
                problem(ctx, ApiProblem.notFound("route " + ctx.method() + " " + ctx.path()));
            }
        });
        app.error(405, ctx -> problem(ctx, new ApiProblem(405, "Method not allowed", ctx.method() + " is not allowed on " + ctx.path(), null)));
        app.start(cfg.bind(), cfg.port());
        return server;
    }

    private void handle(Route r, Context ctx) throws Exception {
        String requestId = ctx.attribute(REQUEST_ID);
        String token = ctx.cookie(CookieHeaders.COOKIE);
        Caller caller = services.sessions().caller(token, services.now(), requestId).orElse(null);
        if (r.changesState()) {
            services.guard().requireSameOrigin(ctx);
        }
        if (r.permission() != Permission.PUBLIC) {
            if (caller == null) {
                throw ApiProblem.unauthorized("no valid session: sign in (POST /api/session)");
            }
            if (r.changesState()) {
                services.guard().requireCsrfToken(ctx, caller.csrfToken());
            }
            if (caller.mustChangePassword() && !r.path().startsWith("/api/session")) {
                throw ApiProblem.forbidden("you must change your password first (PUT /api/session/password)");
            }
            if (r.permission() != Permission.SIGNED_IN && caller.centresWith(r.permission()).isEmpty()) {
                throw ApiProblem.forbidden("none of your roles allows " + r.permission() + ": " + services.matrix().whoMay(r.permission()));
            }
        }
        ctx.status(r.successStatus());
        r.handler().handle(ctx, caller);
    }

    private static void problem(Context ctx, ApiProblem p) {
        var body = Json.MAPPER.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.getMessage());
        if (p.field() != null) {
            body.put("field", p.field());
        } else {
            body.putNull("field");
        }
        ctx.status(p.status());
        ctx.contentType("application/problem+json; charset=utf-8");
        ctx.result(body.toString());
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** The address to open in a browser. */
    public String address() {
        String host = services.config().bind();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    /** The routes served, in the order of {@link Routes}. */
    public List<Route> routes() {
        return Routes.all(services);
    }

    /**
     * Stops taking requests, then cancels the background jobs this server started and waits for them (at most
     * {@link #JOBS_STOP_LIMIT}), so that none stores into the database after its owner closes it; last, deletes the
     * server's temporary files ({@link ScratchFolder}).
     */
    @Override
    public void close() {
        app.stop();
        try {
            if (!services.jobs().cancelAndAwait(JOBS_STOP_LIMIT)) {
                org.slf4j.LoggerFactory.getLogger(SeedplanServer.class).warn("background jobs still running "
                        + JOBS_STOP_LIMIT.toSeconds() + " s after the server stopped; their results will not be stored");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            services.scratch().close();
        }
    }
}
