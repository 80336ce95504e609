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
