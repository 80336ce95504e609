package org.seedplan.server.modelbased;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.seedplan.server.api.Json;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.audit.AuditTrail;

/**
 * The model-based dose stored with the plan revision it was computed for (table {@code model_based_dose}, migration V008):
 * one result per revision, replaced by a recomputation, audited; a new revision has none until it is computed for it.
 */
final class ModelBasedResults {

    private final Database db;
    private final AuditTrail audit;

    ModelBasedResults(Database db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Stores {@code result} for revision {@code revisionId} (the plan_revision row), replacing an earlier one, and audits it. */
    void store(Actor actor, long revisionId, ObjectNode result, Instant now) {
        result.put("computedBy", actor.username()).put("computedAt", now.toString());
        db.inTransaction(tx -> {
            tx.update("DELETE FROM model_based_dose WHERE revision_id = ?", revisionId);
            tx.update("INSERT INTO model_based_dose (revision_id, specification, photons, result_json, computed_by, computed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", revisionId, result.get("specification").asText(), result.get("photons").asLong(),
                    result.toString(), actor.username(), now);
            return audit.event(actor, "MODEL_BASED_DOSE", "plan_revision", revisionId, result.get("specification").asText() + ", "
                    + result.get("photons").asLong() + " photons in " + result.get("seconds").asDouble() + " s, mean target uncertainty "
                    + result.path("meanTargetUncertaintyPct").asText() + " %");
        });
    }

    /** The result stored for revision {@code revisionId}, if any. */
    Optional<ObjectNode> of(long revisionId) {
        return db.read(tx -> tx.one("SELECT result_json FROM model_based_dose WHERE revision_id = ?", r -> r.string("result_json"), revisionId))
                .map(ModelBasedResults::parse);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored model-based dose holds unreadable JSON", e);
        }
    }
}
