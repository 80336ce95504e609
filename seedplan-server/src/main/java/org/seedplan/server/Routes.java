package org.seedplan.server;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.seedplan.server.security.Permission.MANAGE_USERS;
import static org.seedplan.server.security.Permission.PUBLIC;
import static org.seedplan.server.security.Permission.READ_AUDIT;
import static org.seedplan.server.security.Permission.SIGNED_IN;

import java.util.List;
import org.seedplan.server.api.OpenApiDocument;
import org.seedplan.server.api.Route;
import org.seedplan.server.handlers.AdminApi;
import org.seedplan.server.handlers.AuditApi;
import org.seedplan.server.handlers.SessionApi;

/**
 * Every route of the REST API with the permission it needs (the roles holding each permission are the
 * data in {@code permissions.csv}) and its success status. Read top to bottom, this is the API.
 */
public final class Routes {

    private Routes() {
    }

    /** The routes, their handlers bound to {@code s}. */
    public static List<Route> all(Services s) {
        SessionApi session = new SessionApi(s);
        AdminApi admin = new AdminApi(s);
        AuditApi audit = new AuditApi(s);
        List<Route> api = List.of(
                new Route(POST, "/api/session", PUBLIC, 200, "Sign in; sets the session cookie", session::signIn),
                new Route(GET, "/api/session", SIGNED_IN, 200, "The current session", session::current),
                new Route(DELETE, "/api/session", SIGNED_IN, 204, "Sign out", session::signOut),
                new Route(PUT, "/api/session/password", SIGNED_IN, 200, "Change one's own password", session::changePassword),
                new Route(GET, "/api/centres", SIGNED_IN, 200, "The caller's centres", admin::centres),
                new Route(GET, "/api/centres/{centreId}/users", MANAGE_USERS, 200, "Users holding a role in the centre", admin::usersOfCentre),
                new Route(POST, "/api/users", MANAGE_USERS, 201, "Create a user with a one-time password and a first role", admin::createUser),
                new Route(GET, "/api/users/{userId}/roles", MANAGE_USERS, 200, "Rights history of a user in the caller's centres", admin::history),
                new Route(POST, "/api/users/{userId}/roles", MANAGE_USERS, 201, "Grant a role in a centre (reason required)", admin::grant),
                new Route(DELETE, "/api/users/{userId}/roles/{grantId}", MANAGE_USERS, 204, "Revoke a grant (reason required)", admin::revoke),
                new Route(GET, "/api/audit", READ_AUDIT, 200, "Audit trail of one record (entity, id)", audit::forEntity));
        OpenApiDocument doc = new OpenApiDocument(api);
        return concat(api, List.of(new Route(GET, "/api/openapi.json", PUBLIC, 200, "This API as an OpenAPI 3.1 document", doc::serve)));
    }

    private static List<Route> concat(List<Route> a, List<Route> b) {
        List<Route> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
