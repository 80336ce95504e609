package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;

/** The audit trail of one record or of one patient's records and runs, for administrators and monitors: only rows written for their centres. */
public final class AuditApi {

    private final Services s;

    public AuditApi(Services s) {
        this.s = s;
    }

    /**
     * GET /api/patients/{id}/access?at=2026-05-01T00:00:00Z: who could read the patient's data at that instant (the grants
     * then in force, at the patient's centre, of the roles holding READ_REGISTRY) — the rights history REDCap lacks.
     */
    public void accessAt(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "id");
        long centre = new org.seedplan.storage.registry.PatientRepository(s.db()).find(id)
                .orElseThrow(() -> org.seedplan.server.api.ApiProblem.notFound("patient " + id)).centreId();
        c.require(Permission.READ_AUDIT, centre, "patient " + id);
        java.time.Instant at;
        try {
            at = ctx.queryParam("at") == null ? s.now() : java.time.Instant.parse(ctx.queryParam("at"));
        } catch (java.time.format.DateTimeParseException e) {
            throw org.seedplan.server.api.ApiProblem.badRequest("at", "at must be an instant like 2026-05-01T00:00:00Z");
        }
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (var g : s.accounts().users().whoCouldAccessPatient(id, at, s.matrix().rolesWith(Permission.READ_REGISTRY))) {
            a.addObject().put("userId", g.userId()).put("username", g.username()).put("role", g.role().name()).put("centreCode", g.centreCode())
                    .put("validFrom", g.validFrom().toString()).put("validTo", g.validTo() == null ? null : g.validTo().toString());
        }
        ctx.json(a);
    }

    /** Most rows of one page, and the page's size when {@code limit} is not given. */
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 200;

    /** The events of a record that is created, changed and deleted with a reason. */
    private static final List<String> EDITED = List.of("CREATE", "UPDATE", "DELETE");

    /**
     * The kinds of object (entity) whose rows {@code ?patientId=} lists, each with its kinds of event (actions): verification runs
     * and model-based runs (of a plan revision and of a verification's found seeds), whose rows carry their patient; the patient
     * record itself, its implants, visits, lesions, study values, hyperthermia sessions (with their temperature logs), adverse
     * events and progressions, its plans and plan revisions, structure sets, and the DICOM studies, series and instances (one row per image)
     * received or fetched for it, whose rows carry none and are found at query time ({@code AuditTrail.ofPatient}).
     */
    static final Map<String, List<String>> PATIENT_ENTITIES = Map.ofEntries(
            Map.entry("patient", List.of("CREATE", "UPDATE", "DELETE", "IMPORT", "PACS_QUERY", "PACS_RETRIEVE", "PACS_RETRIEVE_FAILED")),
            Map.entry("implant", EDITED),
            Map.entry("visit", EDITED),
            Map.entry("lesion", EDITED),
            Map.entry("study_value", EDITED),
            Map.entry("hyperthermia_session", EDITED),
            Map.entry("adverse_event", EDITED),
            Map.entry("progression", EDITED),
            Map.entry("structure_set", List.of("CREATE", "UPDATE")),
            Map.entry("dicom_study", List.of("CREATE")),
            Map.entry("dicom_series", List.of("CREATE")),
            Map.entry("dicom_instance", List.of("CREATE")),
            Map.entry("plan", List.of("CREATE")),
            Map.entry("plan_revision", List.of("CREATE", "APPROVE", "APPROVE_REFUSED", "RETIRE", "LOCK", "EXPORT", "SEND_FAILED", "NEEDLES_FROM_CT",
                    "MODEL_BASED_DOSE_START", "MODEL_BASED_DOSE", "MODEL_BASED_DOSE_CANCEL", "VERIFICATION_MODEL_BASED_DOSE_START",
                    "VERIFICATION_MODEL_BASED_DOSE", "VERIFICATION_MODEL_BASED_DOSE_CANCEL")),
            Map.entry("verification_run", List.of("VERIFICATION_START", "VERIFICATION_DONE", "VERIFICATION_FAILED", "VERIFICATION_CANCELLED")),
            Map.entry("model_based_run", List.of("MODEL_BASED_DOSE_RUN_START", "MODEL_BASED_DOSE_RUN_DONE", "MODEL_BASED_DOSE_RUN_FAILED",
                    "MODEL_BASED_DOSE_RUN_CANCELLED", "VERIFICATION_MODEL_BASED_DOSE_RUN_START", "VERIFICATION_MODEL_BASED_DOSE_RUN_DONE",
                    "VERIFICATION_MODEL_BASED_DOSE_RUN_FAILED", "VERIFICATION_MODEL_BASED_DOSE_RUN_CANCELLED")));

    /**
     * GET /api/audit?entity=patient&amp;id=7 (the rows about one record) or ?patientId=7[&amp;entity=verification_run][&amp;action=
     * VERIFICATION_CANCELLED] (the rows about one patient of the kinds listed by patient, {@link #PATIENT_ENTITIES}): oldest first, only
     * rows written for the caller's centres with READ_AUDIT, a page of at most {@code limit} rows (default 200, 1–1000) after sequence
     * number {@code afterSeq} (default 0; the next page starts after the last row's {@code seq}; a shorter page is the last). A patient
     * of a centre where the caller holds no role is not found (404), whether it exists or not.
     */
    public void list(Context ctx, Caller c) {
        String entity = blankToNull(ctx.queryParam("entity"));
        String action = blankToNull(ctx.queryParam("action"));
        long afterSeq = Json.optQueryNumber(ctx, "afterSeq", 0);
        long limit = Json.optQueryNumber(ctx, "limit", DEFAULT_LIMIT);
        if (afterSeq < 0) {
            throw ApiProblem.badRequest("afterSeq", "afterSeq must be 0 or more (the seq of the last row of the page before), got " + afterSeq);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit", "limit must be 1–" + MAX_LIMIT + " rows, got " + limit);
        }
        if (action != null && !action.matches("[A-Z][A-Z_]*")) {
            throw ApiProblem.badRequest("action", "action '" + action + "' is not a kind of event: give one in capitals, e.g. action=VERIFICATION_DONE");
        }
        Set<Long> centres = c.centresWith(Permission.READ_AUDIT);
        List<AuditEvent> rows;
        if (blankToNull(ctx.queryParam("patientId")) != null) {
            if (blankToNull(ctx.queryParam("id")) != null) {
                throw ApiProblem.badRequest("id", "give either entity and id (one record's rows) or patientId (a patient's rows), not both");
            }
            long patientId = Json.optQueryNumber(ctx, "patientId", 0);
            checkPatientKinds(entity, action);
            Patient p = new PatientRepository(s.db()).find(patientId).orElseThrow(() -> ApiProblem.notFound("patient " + patientId));
            c.require(Permission.READ_AUDIT, p.centreId(), "patient " + patientId);
            rows = s.audit().ofPatient(patientId, entity, action, centres, afterSeq, (int) limit);
        } else {
            if (entity == null) {
                throw ApiProblem.badRequest("entity", "query parameter entity is missing, e.g. entity=patient&id=7 (or patientId=7 for a patient's rows)");
            }
            String id = blankToNull(ctx.queryParam("id"));
            if (id == null) {
                throw ApiProblem.badRequest("id", "query parameter id is missing: the record's id, e.g. entity=" + entity + "&id=7");
            }
            rows = s.audit().forEntity(entity, id, action, centres, afterSeq, (int) limit);
        }
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (AuditEvent e : rows) {
            a.addObject().put("seq", e.seq()).put("at", e.at().toString()).put("userId", e.userId()).put("username", e.username())
                    .put("role", e.role()).put("centreId", e.centreId()).put("action", e.action()).put("entity", e.entity())
                    .put("entityId", e.entityId()).put("patientId", e.patientId()).put("field", e.field()).put("oldValue", e.oldValue())
                    .put("newValue", e.newValue()).put("reason", e.reason()).put("requestId", e.requestId()).put("hash", e.hash());
        }
        ctx.json(a);
    }

    /** With patientId, an entity must be one whose rows carry their patient, and an action one of its (or of any such entity's). */
    private static void checkPatientKinds(String entity, String action) {
        if (entity != null && !PATIENT_ENTITIES.containsKey(entity)) {
            throw ApiProblem.badRequest("entity", "entity '" + entity + "' is not listed by patient: give one of " + new TreeSet<>(PATIENT_ENTITIES.keySet())
                    + ", or entity and id for one record's rows");
        }
        List<String> actions = entity != null ? PATIENT_ENTITIES.get(entity)
                : PATIENT_ENTITIES.values().stream().flatMap(List::stream).distinct().sorted().toList();
        if (action != null && !actions.contains(action)) {
            throw ApiProblem.badRequest("action", "action '" + action + "' is not a kind of event of " + (entity != null ? entity : "a patient's rows")
                    + ": give one of " + actions);
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
