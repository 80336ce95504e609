package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Set;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.registry.Page;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.PatientSummary;

/** The patient list (search), patient creation, the patient page and patient edits with optimistic locking. */
public final class PatientApi {

    private final Services s;
    private final PatientRepository patients;
    private final PatientRecord record;

    public PatientApi(Services s) {
        this.s = s;
        this.patients = new PatientRepository(s.db());
        this.record = new PatientRecord(s.db());
    }

    /** GET /api/patients?q=&amp;centreId=&amp;limit=50&amp;offset=0: only the caller's readable centres. */
    public void list(Context ctx, Caller c) {
        Set<Long> centres = c.centresWith(Permission.READ_REGISTRY);
        Long centreId = ctx.queryParam("centreId") == null || ctx.queryParam("centreId").isBlank() ? null : Json.queryId(ctx, "centreId");
        long limit = Json.optQueryNumber(ctx, "limit", 50);
        long offset = Json.optQueryNumber(ctx, "offset", 0);
        if (limit < 1 || limit > PatientRepository.MAX_LIMIT) {
            throw ApiProblem.badRequest("limit", "limit must be 1–" + PatientRepository.MAX_LIMIT);
        }
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            throw ApiProblem.badRequest("offset", "offset must be 0 or more, at most " + Integer.MAX_VALUE);
        }
        Page<PatientSummary> page = patients.search(centres, centreId, ctx.queryParam("q"), (int) limit, (int) offset);
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode items = o.putArray("items");
        for (PatientSummary p : page.items()) {
            items.add(Json.MAPPER.valueToTree(p));
        }
        o.put("total", page.total());
        ctx.json(o);
    }

    /** POST /api/patients → 201 with the patient page. */
    public void create(Context ctx, Caller c) {
        ObjectNode b = Json.body(ctx);
        long centreId = Json.number(b, "centreId");
        Role role = c.require(Permission.EDIT_REGISTRY, centreId, "centre " + centreId);
        PatientData data = merge(PatientData.of(centreId, Json.text(b, "patientId")), b);
        if (patients.findByPatientId(centreId, data.patientId()).isPresent()) {
            throw ApiProblem.conflict("patient ID " + data.patientId() + " exists already in this centre", "patientId");
        }
        Patient p = patients.create(actor(c, role, centreId), data);
        ctx.status(201).json(record.page(p));
    }

    /** GET /api/patients/{id}: the patient page (lesions, studies, plans, implants, visits). */
    public void get(Context ctx, Caller c) {
        Patient p = readable(c, Json.pathId(ctx, "id"));
        ctx.json(record.page(p));
    }

    /** PUT /api/patients/{id} {"version",…fields,"reason"}: fields absent from the body keep their value; 409 on a stale version. */
    public void update(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "id");
        Patient p = patients.find(id).orElseThrow(() -> ApiProblem.notFound("patient " + id));
        Role role = c.require(Permission.EDIT_REGISTRY, p.centreId(), "patient " + id);
        ObjectNode b = Json.body(ctx);
        long version = Json.number(b, "version");
        if (b.has("centreId") && b.get("centreId").asLong() != p.centreId()) {
            throw ApiProblem.badRequest("centreId", "centreId cannot be changed by an edit");
        }
        PatientData data = merge(p.data(), b);
        Patient updated = patients.update(actor(c, role, p.centreId()), id, version, data, Json.optText(b, "reason"));
        ctx.json(record.page(updated));
    }

    /** DELETE /api/patients/{id} {"version","reason"} → 204; a reason is required, and the patient must have no records left. */
    public void delete(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "id");
        Patient p = patients.find(id).orElseThrow(() -> ApiProblem.notFound("patient " + id));
        Role role = c.require(Permission.EDIT_REGISTRY, p.centreId(), "patient " + id);
        ObjectNode b = Json.body(ctx);
        patients.delete(actor(c, role, p.centreId()), id, Json.number(b, "version"), Json.text(b, "reason"));
        ctx.status(204);
    }

    /** The patient {@code id} if the caller may read it (404 for other centres). */
    Patient readable(Caller c, long id) {
        Patient p = patients.find(id).orElseThrow(() -> ApiProblem.notFound("patient " + id));
        c.require(Permission.READ_REGISTRY, p.centreId(), "patient " + id);
        return p;
    }

    static Actor actor(Caller c, Role role, long centreId) {
        return new Actor(c.userId(), c.username(), role, centreId, c.requestId());
    }

    private static PatientData merge(PatientData d, ObjectNode b) {
        return new PatientData(d.centreId(), Json.text(b, "patientId", d.patientId()), Json.text(b, "familyName", d.familyName()),
                Json.text(b, "givenName", d.givenName()), Json.text(b, "sex", d.sex()), Json.date(b, "birthDate", d.birthDate()),
                Json.text(b, "diagnosis", d.diagnosis()), Json.text(b, "stage", d.stage()), Json.text(b, "tnmT", d.tnmT()),
                Json.text(b, "tnmN", d.tnmN()), Json.text(b, "tnmM", d.tnmM()), Json.text(b, "cnlcStage", d.cnlcStage()),
                Json.text(b, "bclcStage", d.bclcStage()), Json.text(b, "childPugh", d.childPugh()), Json.integer(b, "kps", d.kps()),
                Json.integer(b, "ecog", d.ecog()), Json.text(b, "priorTreatments", d.priorTreatments()), Json.date(b, "deathDate", d.deathDate()));
    }
}
