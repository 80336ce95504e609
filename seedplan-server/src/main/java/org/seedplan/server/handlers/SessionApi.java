package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.seedplan.server.Services;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.account.User;
import org.seedplan.storage.account.SessionRepository;
import org.seedplan.storage.Actor;

/** Sign-in, the current session, sign-out and password change. */
public final class SessionApi {

    private final Services s;

    public SessionApi(Services s) {
        this.s = s;
    }

    /** POST /api/session: checks the credentials, ends any session the browser had (rotation), starts a new one. */
    public void signIn(Context ctx, Caller previous) {
        ObjectNode b = Json.body(ctx);
        String username = Json.optText(b, "username");
        String password = b.hasNonNull("password") ? b.get("password").asText() : "";
        User u = s.accounts().signIn(username, password, s.now(), ctx.attribute("requestId"));
        if (previous != null) {
            s.sessions().delete(previous.sessionToken());
        }
        SessionRepository.NewSession created = s.sessions().create(u.id(), s.now());
        ctx.header("Set-Cookie", CookieHeaders.session(created.token(), s.guard().secure(ctx)));
        Caller c = s.accounts().caller(created.token(), created.session(), s.now(), ctx.attribute("requestId"));
        ctx.json(body(c));
    }

    /**
     * GET /api/session: the user, the CSRF token and each role per centre with the permissions it holds there (from
     * {@code permissions.csv}), so that the screens offer only what the server would allow (the routes still check), and for
     * each permission whom to ask for it ({@code whoMay}, the text of the routes' 403).
     */
    public void current(Context ctx, Caller c) {
        ctx.json(body(c));
    }

    /** DELETE /api/session. */
    public void signOut(Context ctx, Caller c) {
        s.sessions().delete(c.sessionToken());
        s.audit().event(actor(c), "SIGN_OUT", "app_user", c.userId(), null);
        ctx.header("Set-Cookie", CookieHeaders.cleared(s.guard().secure(ctx)));
    }

    /** PUT /api/session/password {"currentPassword","newPassword"}: other sessions of the user end, this one is rotated. */
    public void changePassword(Context ctx, Caller c) {
        ObjectNode b = Json.body(ctx);
        s.accounts().changePassword(actor(c), c.userId(), Json.optText(b, "currentPassword"), Json.optText(b, "newPassword"));
        s.sessions().deleteAllOf(c.userId());
        SessionRepository.NewSession created = s.sessions().create(c.userId(), s.now());
        ctx.header("Set-Cookie", CookieHeaders.session(created.token(), s.guard().secure(ctx)));
        Caller fresh = s.accounts().caller(created.token(), created.session(), s.now(), c.requestId());
        ctx.json(body(fresh));
    }

    /** The actor of the caller's changes that belong to no centre. */
    static Actor actor(Caller c) {
        return new Actor(c.userId(), c.username(), null, null, c.requestId());
    }

    private static ObjectNode body(Caller c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ObjectNode user = o.putObject("user");
        user.put("id", c.userId());
        user.put("username", c.username());
        user.put("displayName", c.displayName());
        o.put("csrfToken", c.csrfToken());
        ArrayNode roles = o.putArray("roles");
        for (Caller.Grant g : c.grants()) {
            ObjectNode r = roles.addObject();
            r.put("centreId", g.centreId());
            r.put("centreCode", g.centreCode());
            r.put("centreName", g.centreName());
            r.put("role", g.role().name());
            ArrayNode may = r.putArray("permissions");
            for (Permission p : Permission.values()) {
                if (p != Permission.PUBLIC && p != Permission.SIGNED_IN && c.matrix().allows(g.role(), p)) {
                    may.add(p.name());
                }
            }
        }
        // for a screen that offers nothing to the user's roles: whom to turn to, in the words of the server's 403
        ObjectNode whoMay = o.putObject("whoMay");
        for (Permission p : Permission.values()) {
            if (p != Permission.PUBLIC && p != Permission.SIGNED_IN) {
                whoMay.put(p.name(), c.matrix().whoMay(p));
            }
        }
        o.put("mustChangePassword", c.mustChangePassword());
        return o;
    }
}
