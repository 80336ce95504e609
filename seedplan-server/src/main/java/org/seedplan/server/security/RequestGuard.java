package org.seedplan.server.security;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.seedplan.server.api.ApiProblem;

/**
 * The cross-site checks of state-changing requests: the {@code X-CSRF-Token} header must equal the
 * session's token, and an {@code Origin} header, when the browser sends one, must be the server's own
 * origin. Also decides whether a request came over TLS: directly, or through a configured reverse proxy
 * whose {@code X-Forwarded-Proto} is honoured only when the connection comes from that proxy's address.
 */
public final class RequestGuard {

    /** Header that carries the CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final Set<String> trustedProxies;

    /** @param trustedProxies IP addresses of reverse proxies whose X-Forwarded-Proto/-Host are believed */
    public RequestGuard(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** Whether the request came to the client over TLS. */
    public boolean secure(Context ctx) {
        if (fromProxy(ctx)) {
            String proto = ctx.header("X-Forwarded-Proto");
            if (proto != null) {
                return proto.trim().equalsIgnoreCase("https");
            }
        }
        return ctx.scheme().equals("https");
    }

    /** The origin the browser sees this server under: scheme://host[:port]. */
    public String ownOrigin(Context ctx) {
        String host = fromProxy(ctx) && ctx.header("X-Forwarded-Host") != null ? ctx.header("X-Forwarded-Host") : ctx.header("Host");
        return (secure(ctx) ? "https" : "http") + "://" + (host == null ? ctx.host() : host.trim());
    }

    /** Refuses (403) a request whose Origin header names another origin (or "null"). */
    public void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin(ctx))) {
            throw ApiProblem.forbidden("request from origin " + origin + " refused: only " + ownOrigin(ctx) + " may change data");
        }
    }

    /** Refuses (403) a request whose X-CSRF-Token header is missing or differs from the session's token. */
    public void requireCsrfToken(Context ctx, String sessionToken) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null || sent.isEmpty()) {
            throw ApiProblem.forbidden("the " + CSRF_HEADER + " header is missing: send the csrfToken from the sign-in answer");
        }
        if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), sessionToken.getBytes(StandardCharsets.UTF_8))) {
            throw ApiProblem.forbidden("the " + CSRF_HEADER + " header does not match this session: sign in again");
        }
    }

    private boolean fromProxy(Context ctx) {
        return trustedProxies.contains(ctx.req().getRemoteAddr());
    }
}
