package org.seedplan.server.api;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.seedplan.server.security.Permission;
import org.seedplan.server.security.PermissionMatrix;
import org.seedplan.storage.account.Role;

/**
 * The signed-in user of one request: who they are, their roles per centre, their session's CSRF token.
 *
 * @param sessionToken the session cookie value (kept only for the length of the request)
 */
public record Caller(long userId, String username, String displayName, boolean mustChangePassword, List<Grant> grants,
        String sessionToken, String csrfToken, String requestId, PermissionMatrix matrix) {

    /** One role of the user in one centre. */
    public record Grant(long centreId, String centreCode, String centreName, Role role) {
    }

    /** The centres in which some role of the caller holds {@code p}. */
    public Set<Long> centresWith(Permission p) {
        Set<Long> out = new TreeSet<>();
        for (Grant g : grants) {
            if (matrix.allows(g.role(), p)) {
                out.add(g.centreId());
            }
        }
        return out;
    }

    /** The centres in which the caller holds any role. */
    public Set<Long> centres() {
        Set<Long> out = new TreeSet<>();
        grants.forEach(g -> out.add(g.centreId()));
        return out;
    }

    /**
     * Requires {@code p} in {@code centreId}: 404 (naming {@code what}) when the caller holds no role there,
     * so that objects of other centres do not reveal that they exist; 403 when the roles there do not allow it.
     * Returns the role the caller acts in.
     */
    public Role require(Permission p, long centreId, String what) {
        Role any = null;
        for (Grant g : grants) {
            if (g.centreId() == centreId) {
                if (matrix.allows(g.role(), p)) {
                    return g.role();
                }
                any = g.role();
            }
        }
        if (any == null) {
            throw ApiProblem.notFound(what);
        }
        throw ApiProblem.forbidden("your role " + any + " in this centre does not allow " + p + ": " + matrix.whoMay(p));
    }
}
