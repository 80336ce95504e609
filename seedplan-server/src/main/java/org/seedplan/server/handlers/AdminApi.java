package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.security.Permission;
import org.seedplan.server.security.Tokens;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.account.RoleGrant;
import org.seedplan.storage.account.User;
import org.seedplan.storage.registry.CentreRepository;

/**
 * Centres and the administration of users and rights: an administrator sees and changes only the
 * grants of the centres they administer; every grant and revocation carries a reason and is audited.
 */
public final class AdminApi {

    private final Services s;
    private final CentreRepository centres;

    public AdminApi(Services s) {
        this.s = s;
        this.centres = new CentreRepository(s.db());
    }

    /** GET /api/centres: the caller's centres. */
    public void centres(Context ctx, Caller c) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        Set<Long> mine = c.centres();
        centres.list().stream().filter(x -> mine.contains(x.id())).forEach(x -> a.addObject().put("id", x.id()).put("code", x.code()).put("name", x.name()));
        ctx.json(a);
    }

    /** GET /api/centres/{centreId}/users: the users holding a role in the centre now, with their grants there. */
    public void usersOfCentre(Context ctx, Caller c) {
        long centreId = Json.pathId(ctx, "centreId");
        c.require(Permission.MANAGE_USERS, centreId, "centre " + centreId);
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (User u : s.accounts().users().list()) {
            List<RoleGrant> here = s.accounts().users().rolesAt(u.id(), s.now()).stream().filter(g -> g.centreId() == centreId).toList();
            if (!here.isEmpty()) {
                ObjectNode o = user(u);
                ArrayNode roles = o.putArray("roles");
                here.forEach(g -> roles.add(grant(g)));
                a.add(o);
            }
        }
        ctx.json(a);
    }

    /**
     * POST /api/users {"username","displayName","centreId","role","reason"}: creates a user with a one-time
     * password (answered once; the user must change it) and grants the first role → 201.
     */
    public void createUser(Context ctx, Caller c) {
        ObjectNode b = Json.body(ctx);
        long centreId = Json.number(b, "centreId");
        Role adminRole = c.require(Permission.MANAGE_USERS, centreId, "centre " + centreId);
        Role role = role(b);
        String reason = Json.text(b, "reason");
        Actor actor = new Actor(c.userId(), c.username(), adminRole, centreId, c.requestId());
        String password = Tokens.password(16);
        User u = s.db().inTransaction(tx -> {
            User created = s.accounts().createUser(actor, Json.text(b, "username"), Json.text(b, "displayName"), password, true);
            s.accounts().users().grant(actor, created.id(), centreId, role, s.now(), reason);
            return created;
        });
        ObjectNode o = user(u);
        o.put("oneTimePassword", password);
        ctx.status(201).json(o);
    }

    /** POST /api/users/{userId}/roles {"centreId","role","reason"} → 201 with the grant. */
    public void grant(Context ctx, Caller c) {
        long userId = Json.pathId(ctx, "userId");
        ObjectNode b = Json.body(ctx);
        long centreId = Json.number(b, "centreId");
        Role adminRole = c.require(Permission.MANAGE_USERS, centreId, "centre " + centreId);
        visibleUser(c, userId);
        RoleGrant g = s.accounts().users().grant(new Actor(c.userId(), c.username(), adminRole, centreId, c.requestId()), userId, centreId,
                role(b), s.now(), Json.text(b, "reason"));
        ctx.status(201).json(grant(g));
    }

    /** DELETE /api/users/{userId}/roles/{grantId} {"reason"} → 204; the grant's period ends now, the row stays. */
    public void revoke(Context ctx, Caller c) {
        long userId = Json.pathId(ctx, "userId");
        long grantId = Json.pathId(ctx, "grantId");
        RoleGrant g;
        try {
            g = s.accounts().users().grant(grantId);
        } catch (RuntimeException e) {
            throw ApiProblem.notFound("grant " + grantId);
        }
        if (g.userId() != userId) {
            throw ApiProblem.notFound("grant " + grantId);
        }
        Role adminRole = c.require(Permission.MANAGE_USERS, g.centreId(), "grant " + grantId);
        String reason = Json.text(Json.body(ctx), "reason");
        s.accounts().users().revoke(new Actor(c.userId(), c.username(), adminRole, g.centreId(), c.requestId()), grantId, s.now(), reason);
        ctx.status(204);
    }

    /** POST /api/users/{userId}/unlock {"reason"}: lifts a lockout early (a user of a centre the caller administers); audited. */
    public void unlock(Context ctx, Caller c) {
        long userId = Json.pathId(ctx, "userId");
        Set<Long> administered = c.centresWith(Permission.MANAGE_USERS);
        RoleGrant here = s.accounts().users().rolesAt(userId, s.now()).stream().filter(g -> administered.contains(g.centreId())).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("user " + userId));
        Role adminRole = c.require(Permission.MANAGE_USERS, here.centreId(), "user " + userId);
        User u = s.accounts().users().unlock(new Actor(c.userId(), c.username(), adminRole, here.centreId(), c.requestId()), userId,
                Json.text(Json.body(ctx), "reason"));
        ctx.json(user(u));
    }

    /** GET /api/users/{userId}/roles: the user's rights history in the caller's administered centres. */
    public void history(Context ctx, Caller c) {
        long userId = Json.pathId(ctx, "userId");
        Set<Long> administered = c.centresWith(Permission.MANAGE_USERS);
        List<RoleGrant> h = s.accounts().users().history(userId).stream().filter(g -> administered.contains(g.centreId())).toList();
        if (h.isEmpty()) {
            throw ApiProblem.notFound("user " + userId);
        }
        ArrayNode a = Json.MAPPER.createArrayNode();
        h.forEach(g -> a.add(grant(g)));
        ctx.json(a);
    }

    /** A user the caller may administer: one with some grant, past or present, in a centre they administer, or with none at all. */
    private void visibleUser(Caller c, long userId) {
        User u = s.accounts().users().find(userId).orElseThrow(() -> ApiProblem.notFound("user " + userId));
        List<RoleGrant> h = s.accounts().users().history(u.id());
        Set<Long> administered = c.centresWith(Permission.MANAGE_USERS);
        if (!h.isEmpty() && h.stream().noneMatch(g -> administered.contains(g.centreId()))) {
            throw ApiProblem.notFound("user " + userId);
        }
    }

    private static Role role(ObjectNode b) {
        String r = Json.text(b, "role");
        try {
            return Role.valueOf(r);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("role", "role " + r + " is unknown: use one of " + List.of(Role.values()));
        }
    }

    private static ObjectNode user(User u) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", u.id()).put("username", u.username()).put("displayName", u.displayName()).put("active", u.active())
                .put("mustChangePassword", u.mustChangePassword());
        o.put("lockedUntil", u.lockedUntil() == null ? null : u.lockedUntil().toString());
        return o;
    }

    private static ObjectNode grant(RoleGrant g) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", g.id()).put("userId", g.userId()).put("username", g.username()).put("centreId", g.centreId())
                .put("centreCode", g.centreCode()).put("role", g.role().name()).put("validFrom", g.validFrom().toString())
                .put("validTo", g.validTo() == null ? null : g.validTo().toString()).put("reason", g.reason())
                .put("revokeReason", g.revokeReason());
        return o;
    }
}
