package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import java.util.List;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.plan.AnalysisPlan;
import org.seedplan.outcomes.plan.PlanReader;
import org.seedplan.outcomes.plan.PlanReport;
import org.seedplan.outcomes.report.CohortReport;
import org.seedplan.outcomes.report.Figure;
import org.seedplan.outcomes.report.SmallCellSuppression;
import org.seedplan.outcomes.report.Table;
import org.seedplan.server.Services;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.api.Route;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.cohort.CohortExporter;

/**
 * The cohort dashboard's API: runs an analysis plan (a shipped template or the caller's own plan JSON) on the
 * registry data of one of the caller's centres and returns only what the plan's tables and figures show —
 * aggregate numbers and SVG figures, never the per-patient analysis dataset — so it needs the de-identified
 * export permission and is audited as an export of the centre. Groups of fewer than the server's minimum cell size
 * show their count as "&lt; k" and no values ({@link SmallCellSuppression}).
 */
public final class AnalysisApi {

    private final Services s;

    public AnalysisApi(Services s) {
        this.s = s;
    }

    /** The dashboard's routes. */
    public static List<Route> routes(Services s) {
        AnalysisApi a = new AnalysisApi(s);
        return List.of(
                new Route(GET, "/api/analysis/templates", Permission.SIGNED_IN, 200, "The shipped analysis-plan templates", a::templates),
                new Route(POST, "/api/analysis/run", Permission.EXPORT_DEIDENTIFIED, 200,
                        "Run an analysis plan on a centre's registry: its tables and SVG figures (aggregates only); audited", a::run));
    }

    /** GET /api/analysis/templates: the shipped plan templates with their JSON. */
    public void templates(Context ctx, Caller c) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (String name : PlanReader.TEMPLATE_NAMES) {
            ObjectNode o = a.addObject();
            o.put("name", name);
            o.put("title", PlanReader.template(name).title());
            o.put("plan", PlanReader.templateText(name));
        }
        ctx.json(a);
    }

    /** POST /api/analysis/run?centreId=N with {"template": NAME} or {"plan": {…}}: the plan's tables and figures (SVG). */
    public void run(Context ctx, Caller c) {
        long centreId = Json.queryId(ctx, "centreId");
        Role role = c.require(Permission.EXPORT_DEIDENTIFIED, centreId, "centre " + centreId);
        ObjectNode body = Json.body(ctx);
        AnalysisPlan plan;
        if (body.hasNonNull("plan")) {
            plan = PlanReader.parse(body.get("plan").toString(), "plan");
        } else {
            plan = PlanReader.template(Json.text(body, "template"));
        }
        ImportedCohort cohort = new CohortExporter(s.db()).read(List.of(centreId));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("title", plan.title());
        out.put("patients", cohort.cohort().size());
        out.put("minCellSize", s.config().minCellSize());
        ArrayNode tables = out.putArray("tables");
        ArrayNode figures = out.putArray("figures");
        if (cohort.cohort().size() == 0) {
            ctx.json(out);
            return;
        }
        CohortReport report = new SmallCellSuppression(s.config().minCellSize()).apply(PlanReport.run(plan, cohort));
        s.audit().event(PatientApi.actor(c, role, centreId), "EXPORT", "centre", centreId, "analysis plan '" + plan.title() + "' run on "
                + cohort.cohort().size() + " patients (tables and figures only)");
        for (Table t : report.tables()) {
            ObjectNode o = tables.addObject();
            o.put("name", t.name());
            o.put("title", t.title());
            t.header().forEach(o.putArray("header")::add);
            ArrayNode rows = o.putArray("rows");
            for (List<String> r : t.rows()) {
                ArrayNode row = rows.addArray();
                r.forEach(row::add);
            }
            t.notes().forEach(o.putArray("notes")::add);
        }
        for (Figure f : report.figures()) {
            ObjectNode o = figures.addObject();
            o.put("name", f.name());
            o.put("caption", f.caption());
            o.put("svg", f.svg());
        }
        ctx.json(out);
    }
}
