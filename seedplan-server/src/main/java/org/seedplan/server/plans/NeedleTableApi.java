package org.seedplan.server.plans;

import static io.javalin.http.HandlerType.GET;
import static org.seedplan.server.security.Permission.EXPORT_PLAN;

import io.javalin.http.Context;
import java.util.List;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.api.Route;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.PatientRepository;

/** The operating-room needle table of an approved plan revision as a PDF ({@link NeedleTablePdf}); each download is audited. */
public final class NeedleTableApi {

    private final Services s;
    private final PlanRevisions plans;
    private final PatientRepository patients;

    private NeedleTableApi(Services s) {
        this.s = s;
        this.plans = new PlanRevisions(s.db());
        this.patients = new PatientRepository(s.db());
    }

    /** The route, bound to {@code s}. */
    public static List<Route> routes(Services s) {
        NeedleTableApi api = new NeedleTableApi(s);
        return List.of(new Route(GET, "/api/plans/{planId}/revisions/{rev}/needle-table.pdf", EXPORT_PLAN, 200,
                "Needle and seed loading table for the operating room of an approved revision (409 otherwise); audited", api::pdf));
    }

    /** GET /api/plans/{planId}/revisions/{rev}/needle-table.pdf. */
    void pdf(Context ctx, Caller c) {
        long planId = Json.pathId(ctx, "planId");
        long rev = Json.pathId(ctx, "rev");
        PlanRevisions.PlanRef plan = plans.plan(planId).orElseThrow(() -> ApiProblem.notFound("plan " + planId));
        Role role = c.require(EXPORT_PLAN, plan.centreId(), "plan " + planId);
        PlanRevisions.Revision r = plans.revision(planId, (int) rev).orElseThrow(() -> ApiProblem.notFound("revision " + rev + " of plan " + planId));
        if (!r.intact()) {
            throw ApiProblem.conflict("revision " + r.revision() + " fails its checksum: the stored plan was altered", null);
        }
        byte[] pdf;
        try {
            String centre = new CentreRepository(s.db()).find(plan.centreId()).orElseThrow().name();
            pdf = new NeedleTablePdf().render(r, patients.find(plan.patientDbId()).orElseThrow().data(), centre);
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        plans.recordExport(new Actor(c.userId(), c.username(), role, plan.centreId(), c.requestId()), r, "needle table (PDF)");
        ctx.contentType("application/pdf").header("Content-Disposition", "attachment; filename=\"needles_plan" + planId + "_rev" + rev + ".pdf\"")
                .result(pdf);
    }
}
