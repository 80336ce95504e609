package org.seedplan.storage.plan;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;

/**
 * Plans and their revisions ({@code plan}, {@code plan_revision}, {@code plan_needle}, {@code plan_seed}).
 * A DRAFT revision changes in place; changing an APPROVED or LOCKED plan needs a reason and makes a new DRAFT
 * revision, leaving the approved one as it was. Approval records the e-signature (printed name, time, meaning);
 * the caller re-authenticates the signer first. Each revision stores the SHA-256 of its content, which is checked
 * whenever a revision is released for treatment.
 */
public final class PlanRepository {

    private final Database db;
    private final AuditTrail audit;

    /** Plans stored in {@code db}. */
    public PlanRepository(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** Creates a plan for a patient with revision 1 as a DRAFT. */
    public PlanRevision create(Actor actor, long patientDbId, String name, PlanContent content) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("plan: name is empty; name the plan, e.g. \"Liver S7 pre-plan\"");
        }
        return db.inTransaction(tx -> {
            long planId = tx.insert("INSERT INTO plan (patient_id, name, created_at, version) VALUES (?, ?, ?, 1)",
                    patientDbId, name.strip(), Instant.now());
            audit.changes(actor, "CREATE", "plan", planId, Map.of(), Map.of("patient_id", patientDbId, "name", name.strip()), null);
            return insertRevision(tx, actor, planId, 1, content, null);
        });
    }

    /**
     * Changes a plan whose newest revision the caller read at {@code expectedVersion}: in place while it is a DRAFT,
     * else (APPROVED or LOCKED; reason required) as a new DRAFT revision. A RETIRED plan cannot change.
     */
    public PlanRevision revise(Actor actor, long planId, long expectedVersion, PlanContent content, String reason) {
        return db.inTransaction(tx -> {
            PlanRevision current = latest(planId).orElseThrow(() -> new NotFoundException("plan", planId));
            if (current.version() != expectedVersion) {
                throw new StaleVersionException("plan revision", current.id(), expectedVersion);
            }
            switch (current.status()) {
                case RETIRED -> throw new IllegalArgumentException("plan " + planId + " is retired; create a new plan instead");
                case APPROVED, LOCKED -> {
                    ReasonRequiredException.require(reason, "changing " + current.status().name().toLowerCase() + " plan " + planId);
                    return insertRevision(tx, actor, planId, current.revision() + 1, content, reason);
                }
                default -> {
                    Map<String, Object> cols = content.columns();
                    cols.put("checksum", content.checksum());
                    String set = cols.keySet().stream().map(k -> k + " = ?").collect(Collectors.joining(", "));
                    List<Object> args = new ArrayList<>(cols.values());
                    args.add(current.id());
                    args.add(expectedVersion);
                    if (tx.update("UPDATE plan_revision SET " + set + ", version = version + 1 WHERE id = ? AND version = ?"
                            + " AND status = 'DRAFT'", args.toArray()) != 1) {
                        throw new StaleVersionException("plan revision", current.id(), expectedVersion);
                    }
                    tx.update("DELETE FROM plan_seed WHERE revision_id = ?", current.id());
                    tx.update("DELETE FROM plan_needle WHERE revision_id = ?", current.id());
                    insertGeometry(tx, current.id(), content);
                    Map<String, Object> before = current.content().columns();
                    before.put("checksum", current.checksum());
                    audit.changes(actor, "UPDATE", "plan_revision", current.id(), before, cols, reason);
                    return revision(current.id());
                }
            }
        });
    }

    /**
     * Approves a DRAFT revision (only the newest can be one: a draft changes in place) with an e-signature:
     * {@code signerName} (printed name) and {@code meaning}; the approver is the actor. Earlier APPROVED or LOCKED
     * revisions of the plan become RETIRED (one revision is valid for treatment at a time). Refused when the stored
     * content no longer matches its checksum.
     */
    public PlanRevision approve(Actor actor, long revisionId, long expectedVersion, String signerName, String meaning) {
        if (actor.userId() == null) {
            throw new IllegalArgumentException("plan approval needs a signed-in user; the system cannot sign");
        }
        if (signerName == null || signerName.isBlank() || meaning == null || meaning.isBlank()) {
            throw new IllegalArgumentException("plan approval: give the signer's printed name and the meaning of the signature");
        }
        return db.inTransaction(tx -> {
            PlanRevision r = revision(revisionId);
            if (r.status() != PlanStatus.DRAFT) {
                throw new IllegalArgumentException("plan revision " + r.revision() + " is " + r.status() + "; only a DRAFT can be approved");
            }
            requireIntact(r);
            for (PlanRevision old : revisions(r.planId())) {
                if (old.status() == PlanStatus.APPROVED || old.status() == PlanStatus.LOCKED) {
                    tx.update("UPDATE plan_revision SET status = 'RETIRED', version = version + 1 WHERE id = ?", old.id());
                    audit.append(actor, "RETIRE", "plan_revision", old.id(), "status", old.status().name(), "RETIRED",
                            "superseded by revision " + r.revision());
                }
            }
            Instant now = Instant.now();
            if (tx.update("UPDATE plan_revision SET status = 'APPROVED', approved_by = ?, approved_by_name = ?, approved_at = ?,"
                    + " signature_meaning = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'DRAFT'",
                    actor.userId(), signerName.strip(), now, meaning.strip(), revisionId, expectedVersion) != 1) {
                throw new StaleVersionException("plan revision", revisionId, expectedVersion);
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("status", PlanStatus.APPROVED);
            after.put("approved_by", actor.userId());
            after.put("approved_by_name", signerName.strip());
            after.put("approved_at", now);
            after.put("signature_meaning", meaning.strip());
            after.put("checksum", r.checksum());
            audit.changes(actor, "APPROVE", "plan_revision", revisionId, Map.of("status", PlanStatus.DRAFT), after, meaning.strip());
            return revision(revisionId);
        });
    }

    /** Locks an APPROVED revision (it was used for treatment); a reason is required. */
    public PlanRevision lock(Actor actor, long revisionId, long expectedVersion, String reason) {
        return transition(actor, revisionId, expectedVersion, PlanStatus.APPROVED, PlanStatus.LOCKED, reason);
    }

    /** Retires a revision of any status but RETIRED; a reason is required. */
    public PlanRevision retire(Actor actor, long revisionId, long expectedVersion, String reason) {
        return transition(actor, revisionId, expectedVersion, null, PlanStatus.RETIRED, reason);
    }

    private PlanRevision transition(Actor actor, long revisionId, long expectedVersion, PlanStatus from, PlanStatus to, String reason) {
        ReasonRequiredException.require(reason, "setting plan revision " + revisionId + " to " + to);
        return db.inTransaction(tx -> {
            PlanRevision r = revision(revisionId);
            if ((from != null && r.status() != from) || r.status() == PlanStatus.RETIRED) {
                throw new IllegalArgumentException("plan revision " + r.revision() + " is " + r.status() + " and cannot become " + to);
            }
            if (tx.update("UPDATE plan_revision SET status = ?, version = version + 1 WHERE id = ? AND version = ?",
                    to, revisionId, expectedVersion) != 1) {
                throw new StaleVersionException("plan revision", revisionId, expectedVersion);
            }
            audit.append(actor, to == PlanStatus.LOCKED ? "LOCK" : "RETIRE", "plan_revision", revisionId, "status",
                    r.status().name(), to.name(), reason);
            return revision(revisionId);
        });
    }

    /**
     * The revision to use for treatment (DICOM export, printed plan): only an APPROVED or LOCKED revision whose
     * content still matches its checksum.
     */
    public PlanRevision forTreatment(long revisionId) {
        PlanRevision r = revision(revisionId);
        if (r.status() != PlanStatus.APPROVED && r.status() != PlanStatus.LOCKED) {
            throw new IllegalArgumentException("plan revision " + r.revision() + " is " + r.status()
                    + "; only an approved plan may be exported or printed for treatment: approve it first");
        }
        requireIntact(r);
        return r;
    }

    /**
     * Records that revision {@code revisionId} left for treatment as {@code what} (DICOM RT Plan, printout): it must be
     * APPROVED or LOCKED and intact; an APPROVED one becomes LOCKED. Audited as an EXPORT in the same transaction.
     */
    public PlanRevision releaseForTreatment(Actor actor, long revisionId, String what) {
        return db.inTransaction(tx -> {
            PlanRevision r = forTreatment(revisionId);
            if (r.status() == PlanStatus.APPROVED) {
                tx.update("UPDATE plan_revision SET status = 'LOCKED', version = version + 1 WHERE id = ? AND status = 'APPROVED'", r.id());
                audit.append(actor, "LOCK", "plan_revision", r.id(), "status", "APPROVED", "LOCKED", "released for treatment: " + what);
            }
            audit.event(actor, "EXPORT", "plan_revision", r.id(), what);
            return revision(revisionId);
        });
    }

    private static void requireIntact(PlanRevision r) {
        if (!r.intact()) {
            throw new IllegalStateException("plan revision " + r.id() + ": stored content does not match its checksum " + r.checksum()
                    + " (changed outside seedplan); do not use it, restore it from backup and check the audit trail");
        }
    }

    /** One revision with its needles and seeds. */
    public PlanRevision revision(long revisionId) {
        return db.read(tx -> tx.one("SELECT * FROM plan_revision WHERE id = ?", r -> row(tx, r), revisionId))
                .orElseThrow(() -> new NotFoundException("plan revision", revisionId));
    }

    /** The newest revision of a plan. */
    public Optional<PlanRevision> latest(long planId) {
        return db.read(tx -> tx.one("SELECT * FROM plan_revision WHERE plan_id = ? AND revision ="
                + " (SELECT MAX(revision) FROM plan_revision WHERE plan_id = ?)", r -> row(tx, r), planId, planId));
    }

    /** Every revision of a plan, oldest first. */
    public List<PlanRevision> revisions(long planId) {
        return db.read(tx -> tx.query("SELECT * FROM plan_revision WHERE plan_id = ? ORDER BY revision", r -> row(tx, r), planId));
    }

    /** The plans of a patient (newest revision each), newest plan first. */
    public List<PlanSummary> plansOfPatient(long patientDbId) {
        return db.read(tx -> tx.query("SELECT p.id AS plan_id, p.name, r.id AS revision_id, r.revision, r.status, r.approved_by_name,"
                + " r.approved_at, r.prescription_gy, r.d90_gy, r.v100_percent, r.seed_count FROM plan p JOIN plan_revision r"
                + " ON r.plan_id = p.id AND r.revision = (SELECT MAX(revision) FROM plan_revision WHERE plan_id = p.id)"
                + " WHERE p.patient_id = ? ORDER BY p.id DESC",
                r -> new PlanSummary(r.longValue("plan_id"), r.string("name"), r.longValue("revision_id"), r.intValue("revision"),
                        r.enumValue("status", PlanStatus.class), r.string("approved_by_name"), r.instant("approved_at"),
                        r.doubleOrNull("prescription_gy"), r.doubleOrNull("d90_gy"), r.doubleOrNull("v100_percent"), r.intValue("seed_count")),
                patientDbId));
    }

    /** The patient (database id) a plan belongs to, for access checks. */
    public Optional<Long> patientOfPlan(long planId) {
        return db.read(tx -> tx.one("SELECT patient_id FROM plan WHERE id = ?", r -> r.longValue("patient_id"), planId));
    }

    private PlanRevision insertRevision(Tx tx, Actor actor, long planId, int number, PlanContent content, String reason) {
        Map<String, Object> cols = content.columns();
        cols.put("checksum", content.checksum());
        List<Object> args = new ArrayList<>(List.of(planId, number));
        args.addAll(cols.values());
        args.add(actor.userId());
        args.add(Instant.now());
        long id = tx.insert("INSERT INTO plan_revision (plan_id, revision, status, " + String.join(", ", cols.keySet())
                + ", created_by, created_at, version) VALUES (?, ?, 'DRAFT', " + "?, ".repeat(cols.size()) + "?, ?, 1)", args.toArray());
        insertGeometry(tx, id, content);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("plan_id", planId);
        after.put("revision", number);
        after.put("status", PlanStatus.DRAFT);
        after.putAll(cols);
        audit.changes(actor, "CREATE", "plan_revision", id, Map.of(), after, reason);
        return revision(id);
    }

    private static void insertGeometry(Tx tx, long revisionId, PlanContent content) {
        for (PlanNeedle n : content.needles()) {
            tx.update("INSERT INTO plan_needle (revision_id, needle_index, entry_x_mm, entry_y_mm, entry_z_mm, tip_x_mm, tip_y_mm, tip_z_mm)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", revisionId, n.index(), n.entryXMm(), n.entryYMm(), n.entryZMm(),
                    n.tipXMm(), n.tipYMm(), n.tipZMm());
        }
        for (PlanSeed s : content.seeds()) {
            tx.update("INSERT INTO plan_seed (revision_id, seed_index, needle_index, x_mm, y_mm, z_mm) VALUES (?, ?, ?, ?, ?, ?)",
                    revisionId, s.index(), s.needleIndex(), s.xMm(), s.yMm(), s.zMm());
        }
    }

    private static PlanRevision row(Tx tx, Tx.Row r) throws SQLException {
        long id = r.longValue("id");
        PlanContent content = new PlanContent(r.string("intent_json"), r.string("ct_series_uid"), r.doubleOrNull("prescription_gy"),
                r.string("source_model_key"), r.doubleOrNull("strength_u"), r.date("calibration_date"), r.date("implant_date"),
                r.doubleOrNull("d90_gy"), r.doubleOrNull("d100_gy"), r.doubleOrNull("v100_percent"), r.doubleOrNull("v150_percent"),
                r.doubleOrNull("v200_percent"), r.doubleOrNull("ptv_cc"),
                tx.query("SELECT * FROM plan_needle WHERE revision_id = ? ORDER BY needle_index", n -> new PlanNeedle(n.intValue("needle_index"),
                        n.doubleOrNull("entry_x_mm"), n.doubleOrNull("entry_y_mm"), n.doubleOrNull("entry_z_mm"), n.doubleOrNull("tip_x_mm"),
                        n.doubleOrNull("tip_y_mm"), n.doubleOrNull("tip_z_mm")), id),
                tx.query("SELECT * FROM plan_seed WHERE revision_id = ? ORDER BY seed_index", s -> new PlanSeed(s.intValue("seed_index"),
                        s.intOrNull("needle_index"), s.doubleOrNull("x_mm"), s.doubleOrNull("y_mm"), s.doubleOrNull("z_mm")), id));
        return new PlanRevision(id, r.longValue("plan_id"), r.intValue("revision"), r.enumValue("status", PlanStatus.class), content,
                r.longOrNull("created_by"), r.instant("created_at"), r.longOrNull("approved_by"), r.string("approved_by_name"),
                r.instant("approved_at"), r.string("signature_meaning"), r.string("checksum"), r.longValue("version"));
    }
}
