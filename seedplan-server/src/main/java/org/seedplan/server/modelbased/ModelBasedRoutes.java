package org.seedplan.server.modelbased;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static org.seedplan.server.security.Permission.EDIT_PLAN;

import java.util.List;
import org.seedplan.server.Services;
import org.seedplan.server.api.Route;
import org.seedplan.server.handlers.VerificationApi;
import org.seedplan.server.imaging.SeriesAccess;

/** The routes of the model-based dose (TG-186) of a plan revision and of a verification; EDIT_PLAN as the optimiser and the verification. */
public final class ModelBasedRoutes {

    private ModelBasedRoutes() {
    }

    /** The routes, their handlers bound to {@code s}. */
    public static List<Route> all(Services s) {
        ModelBasedApi m = new ModelBasedApi(s);
        return List.of(
                new Route(POST, "/api/plans/{planId}/revisions/{rev}/model-based", EDIT_PLAN, 202,
                        "Start the model-based dose (TG-186 Monte Carlo, Dm,m or Dw,m) of a revision; poll the run; audited", m::start),
                new Route(GET, "/api/plans/{planId}/revisions/{rev}/model-based", EDIT_PLAN, 200,
                        "The model-based dose stored with this revision beside TG-43 (result null when none was computed for it)", m::stored),
                new Route(GET, "/api/model-based/{runId}", EDIT_PLAN, 200, "Progress of a model-based dose run, then its result", m::get),
                new Route(DELETE, "/api/model-based/{runId}", EDIT_PLAN, 200, "Cancel a model-based dose run", m::cancel));
    }

    /** The routes of a verification's model-based dose, bound to the verification runs of {@code verifications}. */
    public static List<Route> ofVerifications(Services s, SeriesAccess access, VerificationApi verifications) {
        VerificationModelBasedApi m = new VerificationModelBasedApi(s, access, verifications);
        return List.of(
                new Route(POST, "/api/verifications/{jobId}/model-based", EDIT_PLAN, 202,
                        "Start the model-based dose (TG-186 Monte Carlo, Dm,m or Dw,m) of the seeds a verification found, in the post-op CT's"
                                + " tissues; poll the run; audited", m::start),
                new Route(GET, "/api/verifications/{jobId}/model-based", EDIT_PLAN, 200,
                        "The model-based dose stored for this verification and its found seeds beside its TG-43 dose (result null when none)",
                        m::stored),
                new Route(GET, "/api/verifications/{jobId}/model-based/{runId}", EDIT_PLAN, 200,
                        "Progress of a verification's model-based dose run, then its result", m::get),
                new Route(DELETE, "/api/verifications/{jobId}/model-based/{runId}", EDIT_PLAN, 200,
                        "Cancel a verification's model-based dose run", m::cancel));
    }
}
