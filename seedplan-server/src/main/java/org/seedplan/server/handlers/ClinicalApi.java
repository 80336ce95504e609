package org.seedplan.server.handlers;

import static org.seedplan.server.handlers.ChildRecords.Kind.BOOLEAN;
import static org.seedplan.server.handlers.ChildRecords.Kind.DATE;
import static org.seedplan.server.handlers.ChildRecords.Kind.INTEGER;
import static org.seedplan.server.handlers.ChildRecords.Kind.NUMBER;
import static org.seedplan.server.handlers.ChildRecords.Kind.TEXT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.handlers.ChildRecords.Field;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;

/** Lesions, follow-up visits and implants of a patient: create, and update with version (409 when stale) and an optional reason. */
public final class ClinicalApi {

    private final PatientRepository patients;
    private final ChildRecords lesions;
    private final ChildRecords visits;
    private final ChildRecords implants;

    public ClinicalApi(Services s) {
        this.patients = new PatientRepository(s.db());
        this.lesions = new ChildRecords(s.db(), "lesion", List.of(new Field("label", "label", TEXT, true), new Field("organ", "organ", TEXT, false),
                new Field("site", "site", TEXT, false), new Field("nodal", "nodal", BOOLEAN, true), new Field("target", "target", BOOLEAN, true),
                new Field("baselineLongestMm", "baseline_longest_mm", NUMBER, false), new Field("baselineShortAxisMm", "baseline_short_axis_mm", NUMBER, false),
                new Field("baselineViableMm", "baseline_viable_mm", NUMBER, false)));
        this.visits = new ChildRecords(s.db(), "visit", List.of(new Field("visitDate", "visit_date", DATE, true),
                new Field("monthsSinceImplant", "months_since_implant", NUMBER, false), new Field("nrsPain", "nrs_pain", INTEGER, false),
                new Field("kps", "kps", INTEGER, false), new Field("newLesion", "new_lesion", BOOLEAN, false), new Field("nonTarget", "non_target", TEXT, false)));
        this.implants = new ChildRecords(s.db(), "implant", List.of(new Field("implantDate", "implant_date", DATE, true),
                new Field("planRevisionId", "plan_revision_id", INTEGER, false), new Field("seedCount", "seed_count", INTEGER, false),
                new Field("seedActivityMCi", "seed_activity_mci", NUMBER, false), new Field("hyperthermia", "hyperthermia", BOOLEAN, false),
                new Field("postopStudyUid", "postop_study_uid", TEXT, false), new Field("postD90Gy", "post_d90_gy", NUMBER, false),
                new Field("postV100Percent", "post_v100_percent", NUMBER, false), new Field("postSeedCount", "post_seed_count", INTEGER, false)));
    }

    /** POST /api/patients/{id}/lesions → 201. */
    public void createLesion(Context ctx, Caller c) {
        create(ctx, c, lesions);
    }

    /** PUT /api/lesions/{recordId} {"version",…,"reason"}. */
    public void updateLesion(Context ctx, Caller c) {
        update(ctx, c, lesions, "lesion");
    }

    /** POST /api/patients/{id}/visits → 201. */
    public void createVisit(Context ctx, Caller c) {
        create(ctx, c, visits);
    }

    /** PUT /api/visits/{recordId}. */
    public void updateVisit(Context ctx, Caller c) {
        update(ctx, c, visits, "visit");
    }

    /** POST /api/patients/{id}/implants → 201. */
    public void createImplant(Context ctx, Caller c) {
        create(ctx, c, implants);
    }

    /** PUT /api/implants/{recordId}. */
    public void updateImplant(Context ctx, Caller c) {
        update(ctx, c, implants, "implant");
    }

    private void create(Context ctx, Caller c, ChildRecords records) {
        long id = Json.pathId(ctx, "id");
        Patient p = patients.find(id).orElseThrow(() -> ApiProblem.notFound("patient " + id));
        Role role = c.require(Permission.EDIT_REGISTRY, p.centreId(), "patient " + id);
        ctx.status(201).json(records.create(PatientApi.actor(c, role, p.centreId()), id, Json.body(ctx)));
    }

    private void update(Context ctx, Caller c, ChildRecords records, String what) {
        long id = Json.pathId(ctx, "recordId");
        long[] owner = records.owner(id).orElseThrow(() -> ApiProblem.notFound(what + " " + id));
        Role role = c.require(Permission.EDIT_REGISTRY, owner[0], what + " " + id);
        ObjectNode b = Json.body(ctx);
        ctx.json(records.update(PatientApi.actor(c, role, owner[0]), id, Json.number(b, "version"), b, Json.optText(b, "reason")));
    }
}
