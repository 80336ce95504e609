package org.seedplan.server.forms;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.seedplan.server.security.Permission.DEFINE_STUDY;
import static org.seedplan.server.security.Permission.EDIT_REGISTRY;
import static org.seedplan.server.security.Permission.READ_REGISTRY;

import java.util.List;
import org.seedplan.server.Services;
import org.seedplan.server.api.Route;
import org.seedplan.server.handlers.FollowUpApi;
import org.seedplan.server.handlers.StudyVariableApi;

/** The routes of the follow-up forms and the study variables (issue 13), each with its permission. */
public final class FormRoutes {

    private FormRoutes() {
    }

    /** The routes, their handlers bound to {@code s}. */
    public static List<Route> all(Services s) {
        FollowUpApi f = new FollowUpApi(s);
        StudyVariableApi v = new StudyVariableApi(s);
        return List.of(
                new Route(GET, "/api/patients/{id}/follow-up", READ_REGISTRY, 200,
                        "The follow-up of a patient: lesions, visits with measurements, responses and QLQ-C30 scores, events, sessions", f::followUp),
                new Route(POST, "/api/patients/{id}/visit-forms", EDIT_REGISTRY, 201,
                        "A follow-up visit with measurements, NRS, QLQ-C30 answers and labs; the form's response checked", f::createVisit),
                new Route(PUT, "/api/visit-forms/{recordId}", EDIT_REGISTRY, 200, "Replace a visit form (version required)", f::updateVisit),
                new Route(POST, "/api/patients/{id}/adverse-events", EDIT_REGISTRY, 201, "Record an adverse event (CTCAE v5 or RTOG)",
                        f::createAdverseEvent),
                new Route(PUT, "/api/adverse-events/{recordId}", EDIT_REGISTRY, 200, "Edit an adverse event (version required)", f::updateAdverseEvent),
                new Route(POST, "/api/patients/{id}/progressions", EDIT_REGISTRY, 201, "Record a local or distant progression", f::createProgression),
                new Route(PUT, "/api/progressions/{recordId}", EDIT_REGISTRY, 200, "Edit a progression (version required)", f::updateProgression),
                new Route(POST, "/api/patients/{id}/hyperthermia", EDIT_REGISTRY, 201,
                        "Upload a hyperthermia session's temperature log (multipart); answers its analysis", f::uploadHyperthermia),
                new Route(POST, "/api/hyperthermia/{recordId}/log", EDIT_REGISTRY, 200, "Replace a session's temperature log (multipart, version)",
                        f::replaceHyperthermia),
                new Route(GET, "/api/centres/{centreId}/research-studies", READ_REGISTRY, 200, "The centre's research studies and variables",
                        v::studies),
                new Route(POST, "/api/centres/{centreId}/research-studies", DEFINE_STUDY, 201,
                        "Create a research study (optionally from the seed-implant template)", v::createStudy),
                new Route(POST, "/api/research-studies/{studyId}/template", DEFINE_STUDY, 200, "Apply the seed-implant template to a study",
                        v::applyTemplate),
                new Route(POST, "/api/research-studies/{studyId}/variables", DEFINE_STUDY, 201, "Define a study variable", v::define),
                new Route(PUT, "/api/study-variables/{variableId}", DEFINE_STUDY, 200, "Change a study variable (version required)", v::update),
                new Route(GET, "/api/patients/{id}/study-values", READ_REGISTRY, 200, "The study-variable values of a patient", v::values),
                new Route(PUT, "/api/study-values", EDIT_REGISTRY, 200, "Record, change or clear a study-variable value", v::setValue));
    }
}
