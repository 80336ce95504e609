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
 * The model-based dose stored for the verification and the found seeds it was computed for (table
 * {@code model_based_verification_dose}, migration V009): one result per verification and seed set, replaced by a recomputation,
 * audited on the plan revision verified; a different verification or seed set has none until it is computed for it.
 */
public final class VerificationModelBasedResults {

    private final Database db;
    private final AuditTrail audit;

    public VerificationModelBasedResults(Database db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Stores {@code result} (carrying its verificationKey and foundSeedsKey) for revision {@code revisionId}, replacing an earlier one; audits it. */
    void store(Actor actor, long revisionId, ObjectNode result, Instant now) {
        result.put("computedBy", actor.username()).put("computedAt", now.toString());
        String verification = result.get("verificationKey").asText();
        String seeds = result.get("foundSeedsKey").asText();
        db.inTransaction(tx -> {
            tx.update("DELETE FROM model_based_verification_dose WHERE verification_key = ? AND found_seeds_key = ?", verification, seeds);
            tx.update("INSERT INTO model_based_verification_dose (verification_key, found_seeds_key, revision_id, post_op_series_uid, seed_count,"
                    + " specification, photons, result_json, computed_by, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", verification, seeds,
                    revisionId, result.get("postOpSeriesUid").asText(), result.get("seedCount").asInt(), result.get("specification").asText(),
                    result.get("photons").asLong(), result.toString(), actor.username(), now);
            return audit.event(actor, "VERIFICATION_MODEL_BASED_DOSE", "plan_revision", revisionId, "verification on post-op CT "
                    + result.get("postOpSeriesUid").asText() + ", " + result.get("seedCount").asInt() + " found seeds: "
                    + result.get("specification").asText() + ", " + result.get("photons").asLong() + " photons in " + result.get("seconds").asDouble()
                    + " s, mean target uncertainty " + result.path("meanTargetUncertaintyPct").asText() + " %");
        });
    }

    /** The result stored for verification result {@code v} and its found seeds, if any. */
    public Optional<ObjectNode> ofVerification(com.fasterxml.jackson.databind.JsonNode v) {
        return of(VerificationModelBasedDose.verificationKey(v), VerificationModelBasedDose.foundSeedsKey(v));
    }

    /** The result stored for this verification and these found seeds, if any. */
    Optional<ObjectNode> of(String verificationKey, String foundSeedsKey) {
        return db.read(tx -> tx.one("SELECT result_json FROM model_based_verification_dose WHERE verification_key = ? AND found_seeds_key = ?",
                r -> r.string("result_json"), verificationKey, foundSeedsKey)).map(VerificationModelBasedResults::parse);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored model-based verification dose holds unreadable JSON", e);
        }
    }
}
