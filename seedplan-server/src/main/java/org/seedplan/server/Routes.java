package org.seedplan.server;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.seedplan.server.security.Permission.APPROVE_PLAN;
import static org.seedplan.server.security.Permission.EDIT_PLAN;
import static org.seedplan.server.security.Permission.EDIT_REGISTRY;
import static org.seedplan.server.security.Permission.EXPORT_DEIDENTIFIED;
import static org.seedplan.server.security.Permission.EXPORT_PLAN;
import static org.seedplan.server.security.Permission.MANAGE_USERS;
import static org.seedplan.server.security.Permission.PUBLIC;
import static org.seedplan.server.security.Permission.READ_AUDIT;
import static org.seedplan.server.security.Permission.READ_REGISTRY;
import static org.seedplan.server.security.Permission.SIGNED_IN;

import java.util.List;
import org.seedplan.server.api.OpenApiDocument;
import org.seedplan.server.api.Route;
import org.seedplan.server.handlers.AdminApi;
import org.seedplan.server.handlers.AuditApi;
import org.seedplan.server.handlers.ClinicalApi;
import org.seedplan.server.handlers.ExportApi;
import org.seedplan.server.handlers.PatientApi;
import org.seedplan.server.handlers.PlanApi;
import org.seedplan.server.handlers.SessionApi;
import org.seedplan.server.handlers.StudyApi;

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
        PatientApi patients = new PatientApi(s);
        StudyApi studies = new StudyApi(s);
        PlanApi plans = new PlanApi(s);
        ExportApi export = new ExportApi(s);
        ClinicalApi clinical = new ClinicalApi(s);
        List<Route> api = List.of(
                new Route(POST, "/api/session", PUBLIC, 200, "Sign in; sets the session cookie", session::signIn),
                new Route(GET, "/api/session", SIGNED_IN, 200, "The current session", session::current),
                new Route(DELETE, "/api/session", SIGNED_IN, 204, "Sign out", session::signOut),
                new Route(PUT, "/api/session/password", SIGNED_IN, 200, "Change one's own password", session::changePassword),
                new Route(GET, "/api/centres", SIGNED_IN, 200, "The caller's centres", admin::centres),
                new Route(GET, "/api/centres/{centreId}/users", MANAGE_USERS, 200, "Users holding a role in the centre", admin::usersOfCentre),
                new Route(POST, "/api/users", MANAGE_USERS, 201, "Create a user with a one-time password and a first role", admin::createUser),
                new Route(POST, "/api/users/{userId}/unlock", MANAGE_USERS, 200, "Lift a lockout early (reason required)", admin::unlock),
                new Route(GET, "/api/users/{userId}/roles", MANAGE_USERS, 200, "Rights history of a user in the caller's centres", admin::history),
                new Route(POST, "/api/users/{userId}/roles", MANAGE_USERS, 201, "Grant a role in a centre (reason required)", admin::grant),
                new Route(DELETE, "/api/users/{userId}/roles/{grantId}", MANAGE_USERS, 204, "Revoke a grant (reason required)", admin::revoke),
                new Route(GET, "/api/patients", READ_REGISTRY, 200, "Search the patients of the caller's centres", patients::list),
                new Route(POST, "/api/patients", EDIT_REGISTRY, 201, "Create a patient", patients::create),
                new Route(GET, "/api/patients/{id}", READ_REGISTRY, 200, "The patient page: lesions, studies, plans, implants, visits", patients::get),
                new Route(PUT, "/api/patients/{id}", EDIT_REGISTRY, 200, "Edit a patient (version required; 409 when stale)", patients::update),
                new Route(DELETE, "/api/patients/{id}", EDIT_REGISTRY, 204, "Delete a patient without records (reason required)", patients::delete),
                new Route(POST, "/api/patients/{id}/lesions", EDIT_REGISTRY, 201, "Add a lesion", clinical::createLesion),
                new Route(PUT, "/api/lesions/{recordId}", EDIT_REGISTRY, 200, "Edit a lesion (version required)", clinical::updateLesion),
                new Route(POST, "/api/patients/{id}/visits", EDIT_REGISTRY, 201, "Add a follow-up visit", clinical::createVisit),
                new Route(PUT, "/api/visits/{recordId}", EDIT_REGISTRY, 200, "Edit a visit (version required)", clinical::updateVisit),
                new Route(POST, "/api/patients/{id}/implants", EDIT_REGISTRY, 201, "Record an implant", clinical::createImplant),
                new Route(PUT, "/api/implants/{recordId}", EDIT_REGISTRY, 200, "Edit an implant (version required)", clinical::updateImplant),
                new Route(POST, "/api/studies", EDIT_REGISTRY, 201, "Upload DICOM files or a zip into a centre (multipart)", studies::upload),
                new Route(POST, "/api/patients/{id}/plans", EDIT_PLAN, 201, "Create a plan with its first DRAFT revision", plans::create),
                new Route(GET, "/api/plans/{planId}/revisions", READ_REGISTRY, 200, "The revisions of a plan", plans::revisions),
                new Route(POST, "/api/plans/{planId}/revisions", EDIT_PLAN, 201, "A new DRAFT revision (reason required after approval)", plans::addRevision),
                new Route(GET, "/api/plans/{planId}/revisions/{rev}", READ_REGISTRY, 200, "One revision with needles and seeds", plans::revision),
                new Route(POST, "/api/plans/{planId}/revisions/{rev}/approval", APPROVE_PLAN, 200,
                        "Approve for treatment: e-signature with password, printed name and meaning", plans::approve),
                new Route(GET, "/api/plans/{planId}/revisions/{rev}/export/dicom", EXPORT_PLAN, 200,
                        "RT Plan of an approved revision (409 otherwise); audited", plans::exportDicom),
                new Route(GET, "/api/plans/{planId}/revisions/{rev}/report.pdf", EXPORT_PLAN, 200,
                        "Printout for treatment of an approved revision (409 otherwise); audited", plans::report),
                new Route(GET, "/api/export/deidentified", EXPORT_DEIDENTIFIED, 200,
                        "De-identified cohort of a centre (zip of CSV tables); audited", export::deidentified),
                new Route(GET, "/api/patients/{id}/access", READ_AUDIT, 200, "Who could read the patient's data at an instant (rights history)",
                        audit::accessAt),
                new Route(GET, "/api/audit", READ_AUDIT, 200, "Audit trail of one record (entity, id) or of a patient's runs (patientId, entity?, action?), paged (afterSeq, limit)",
                        audit::list));
        OpenApiDocument[] doc = new OpenApiDocument[1];
        List<Route> all = new java.util.ArrayList<>(api);
        all.addAll(org.seedplan.server.handlers.DicomNetworkApi.routes(s));
        all.addAll(org.seedplan.server.imaging.ImagingRoutes.all(s));
        all.addAll(org.seedplan.server.planning.PlanningRoutes.all(s));
        all.addAll(org.seedplan.server.forms.FormRoutes.all(s));
        all.addAll(org.seedplan.server.handlers.AnalysisApi.routes(s));
        all.addAll(org.seedplan.server.handlers.NeedlesApi.routes(s));
        all.addAll(org.seedplan.server.plans.NeedleTableApi.routes(s));
        all.addAll(org.seedplan.server.modelbased.ModelBasedRoutes.all(s));
        all.add(new Route(GET, "/api/openapi.json", PUBLIC, 200, "This API as an OpenAPI 3.1 document", (ctx, c) -> doc[0].serve(ctx, c)));
        doc[0] = new OpenApiDocument(all);
        return List.copyOf(all);
    }
}
