package org.seedplan.server.planning;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static org.seedplan.server.security.Permission.EDIT_PLAN;

import java.util.List;
import org.seedplan.server.Services;
import org.seedplan.server.api.Route;
import org.seedplan.server.handlers.PlanningApi;

/** The routes of the plan screen (docs/planning-screen.md), sharing one {@link PlanningWorkspace}. */
public final class PlanningRoutes {

    private PlanningRoutes() {
    }

    /** The routes, their handlers bound to {@code s}. */
    public static List<Route> all(Services s) {
        PlanningApi p = new PlanningApi(s, new PlanningWorkspace());
        return List.of(
                new Route(GET, "/api/patients/{id}/planning", EDIT_PLAN, 200, "The plan screen's choices: structures, planning CT, seed models",
                        p::form),
                new Route(POST, "/api/patients/{id}/planning", EDIT_PLAN, 202, "Start planning from an intent form (poll the session)", p::start),
                new Route(GET, "/api/planning/{sessionId}", EDIT_PLAN, 200,
                        "Progress, or needles, seeds, DVHs, metrics, goals and isodose lines (query axial, coronal, sagittal mm)", p::get),
                new Route(POST, "/api/planning/{sessionId}/edits", EDIT_PLAN, 200,
                        "Move, add or delete a seed or a needle, lock or unlock needles; answers the new state", p::edit),
                new Route(POST, "/api/planning/{sessionId}/reoptimise", EDIT_PLAN, 202, "Re-plan the unlocked needles keeping the locked ones",
                        p::reoptimise),
                new Route(GET, "/api/planning/{sessionId}/uniform", EDIT_PLAN, 200, "Uniform loading on the plan's needles, for comparison",
                        p::uniform),
                new Route(POST, "/api/planning/{sessionId}/revisions", EDIT_PLAN, 201, "Save the session as a new DRAFT plan revision", p::save),
                new Route(DELETE, "/api/planning/{sessionId}", EDIT_PLAN, 204, "Close a planning session", p::close));
    }
}
