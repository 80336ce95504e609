package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import java.util.Set;
import org.seedplan.server.Services;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.audit.AuditEvent;

/** The audit trail of one record, for administrators and monitors: only rows written for their centres. */
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

    /** GET /api/audit?entity=patient&amp;id=7: rows about the record, oldest first, limited to the caller's centres. */
    public void forEntity(Context ctx, Caller c) {
        String entity = ctx.queryParam("entity");
        String id = ctx.queryParam("id");
        if (entity == null || entity.isBlank()) {
            throw org.seedplan.server.api.ApiProblem.badRequest("entity", "query parameter entity is missing, e.g. entity=patient&id=7");
        }
        Set<Long> centres = c.centresWith(Permission.READ_AUDIT);
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (AuditEvent e : s.audit().forEntity(entity, id)) {
            if (e.centreId() != null && centres.contains(e.centreId())) {
                a.addObject().put("seq", e.seq()).put("at", e.at().toString()).put("userId", e.userId()).put("username", e.username())
                        .put("role", e.role()).put("centreId", e.centreId()).put("action", e.action()).put("entity", e.entity())
                        .put("entityId", e.entityId()).put("field", e.field()).put("oldValue", e.oldValue()).put("newValue", e.newValue())
                        .put("reason", e.reason()).put("requestId", e.requestId()).put("hash", e.hash());
            }
        }
        ctx.json(a);
    }
}
