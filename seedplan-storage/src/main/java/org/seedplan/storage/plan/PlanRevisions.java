package org.seedplan.storage.plan;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedplan.geometry.Vec3;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;

/**
 * Plans and their revisions ({@code plan}, {@code plan_revision}, {@code plan_needle}, {@code plan_seed}) and
 * the approval workflow: a revision is written once as DRAFT and never edited; approval (e-signature)
 * makes it APPROVED and retires any earlier approved revision of the plan; exporting it for treatment
 * makes it LOCKED. Any change is a new DRAFT revision, which needs a reason when the latest revision is
 * approved or locked. Every step is audited in the same transaction.
 */
public final class PlanRevisions {

    /** The e-signature meaning an approval must state. */
    public static final String MEANING = "approved for treatment";

    /** Status of a revision. */
    public enum Status { DRAFT, APPROVED, LOCKED, RETIRED }

    /** A stored revision with its plan, patient and centre. */
    public record Revision(long id, long planId, String planName, long patientDbId, long centreId, int revision, Status status,
            PlanContent content, String checksum, Long createdBy, Instant createdAt, Long approvedBy, String approvedByName,
            Instant approvedAt, String signatureMeaning) {

        /** Whether the stored checksum still matches the stored content. */
        public boolean intact() {
            return checksum.equals(content.checksum(planId, revision));
        }
    }

    /** A plan: id, patient, centre, name. */
    public record PlanRef(long id, long patientDbId, long centreId, String name) {
    }

    private final Database db;
    private final AuditTrail audit;

    public PlanRevisions(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** The plan with its patient's centre. */
    public Optional<PlanRef> plan(long planId) {
        return db.read(tx -> tx.one("SELECT pl.id, pl.patient_id, pl.name, p.centre_id FROM plan pl JOIN patient p ON p.id = pl.patient_id WHERE pl.id = ?",
                r -> new PlanRef(r.longValue("id"), r.longValue("patient_id"), r.longValue("centre_id"), r.string("name")), planId));
    }

    /** Creates a plan for a patient with its first DRAFT revision. */
    public Revision createPlan(Actor actor, long patientDbId, String name, PlanContent content, Instant now) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("plan name is empty; give the plan a name, e.g. \"Liver S7\"");
        }
        return db.inTransaction(tx -> {
            long planId = tx.insert("INSERT INTO plan (patient_id, name, created_at, version) VALUES (?, ?, ?, 1)", patientDbId, name.strip(), now);
            audit.changes(actor, "CREATE", "plan", planId, Map.of(), Map.of("patient_id", patientDbId, "name", name.strip()), null);
            return insertRevision(tx, actor, planId, 1, content, now, null);
        });
    }

    /**
     * Adds a DRAFT revision to a plan. A reason is required when the latest revision is APPROVED or LOCKED
     * (the change supersedes approved data); the approved revision stays as it is until the new one is approved.
     */
    public Revision addRevision(Actor actor, long planId, PlanContent content, String reason, Instant now) {
        return db.inTransaction(tx -> {
            List<Revision> existing = revisions(planId);
            Revision latest = existing.get(existing.size() - 1);
            if (latest.status() == Status.APPROVED || latest.status() == Status.LOCKED) {
                ReasonRequiredException.require(reason, "changing approved plan " + planId + " (revision " + latest.revision() + ")");
            }
            return insertRevision(tx, actor, planId, latest.revision() + 1, content, now, reason);
        });
    }

    private Revision insertRevision(Tx tx, Actor actor, long planId, int revision, PlanContent c, Instant now, String reason) {
        PlanContent.Metrics m = c.metrics();
        long id = tx.insert("INSERT INTO plan_revision (plan_id, revision, status, intent_json, ct_series_uid, prescription_gy, source_model_key,"
                + " strength_u, calibration_date, implant_date, metrics_structure, d90_gy, d100_gy, v100_percent, v150_percent, v200_percent, ptv_cc,"
                + " seed_count, needle_count, created_by, created_at, checksum, version)"
                + " VALUES (?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                planId, revision, c.intentJson(), c.ctSeriesUid(), c.prescriptionGy(), c.sourceModelKey(), c.strengthU(), c.calibrationDate(),
                c.implantDate(), m.structure(), m.d90Gy(), m.d100Gy(), m.v100Percent(), m.v150Percent(), m.v200Percent(), m.ptvCc(), c.seeds().size(),
                c.needles().size(), actor.userId(), now, c.checksum(planId, revision));
        for (int i = 0; i < c.needles().size(); i++) {
            PlanContent.Needle n = c.needles().get(i);
            tx.update("INSERT INTO plan_needle (revision_id, needle_index, entry_x_mm, entry_y_mm, entry_z_mm, tip_x_mm, tip_y_mm, tip_z_mm)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, i, n.entryMm().x(), n.entryMm().y(), n.entryMm().z(), n.tipMm().x(), n.tipMm().y(), n.tipMm().z());
        }
        for (int i = 0; i < c.seeds().size(); i++) {
            PlanContent.PlannedSeed s = c.seeds().get(i);
            tx.update("INSERT INTO plan_seed (revision_id, seed_index, needle_index, x_mm, y_mm, z_mm) VALUES (?, ?, ?, ?, ?, ?)", id, i,
                    s.needle() < 0 ? null : s.needle(), s.centreMm().x(), s.centreMm().y(), s.centreMm().z());
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("plan_id", planId);
        after.put("revision", revision);
        after.put("status", Status.DRAFT);
        after.put("seed_count", c.seeds().size());
        after.put("source_model_key", c.sourceModelKey());
        after.put("strength_u", c.strengthU());
        after.put("prescription_gy", c.prescriptionGy());
        after.put("checksum", c.checksum(planId, revision));
        audit.changes(actor, "CREATE", "plan_revision", id, Map.of(), after, reason);
        return revision(planId, revision).orElseThrow();
    }

    /** Every revision of a plan, oldest first. */
    public List<Revision> revisions(long planId) {
        return db.read(tx -> {
            List<Long> ids = tx.query("SELECT revision FROM plan_revision WHERE plan_id = ? ORDER BY revision", r -> r.longValue("revision"), planId);
            List<Revision> out = new ArrayList<>();
            for (long rev : ids) {
                out.add(revision(planId, (int) rev).orElseThrow());
            }
            return out;
        });
    }

    /** The revision with database id {@code revisionId} (the id an implant's {@code plan_revision_id} holds). */
    public Optional<Revision> byId(long revisionId) {
        return db.read(tx -> tx.one("SELECT plan_id, revision FROM plan_revision WHERE id = ?",
                r -> new long[] {r.longValue("plan_id"), r.longValue("revision")}, revisionId)
                .flatMap(k -> revision(k[0], (int) k[1])));
    }

    /** One revision of a plan. */
    public Optional<Revision> revision(long planId, int revision) {
        return db.read(tx -> {
            Optional<Row> row = tx.one("SELECT r.*, pl.name AS plan_name, pl.patient_id, p.centre_id FROM plan_revision r JOIN plan pl ON pl.id = r.plan_id"
                    + " JOIN patient p ON p.id = pl.patient_id WHERE r.plan_id = ? AND r.revision = ?", PlanRevisions::row, planId, revision);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            Row r = row.get();
            List<PlanContent.Needle> needles = tx.query("SELECT * FROM plan_needle WHERE revision_id = ? ORDER BY needle_index",
                    n -> new PlanContent.Needle(new Vec3(n.doubleOrNull("entry_x_mm"), n.doubleOrNull("entry_y_mm"), n.doubleOrNull("entry_z_mm")),
                            new Vec3(n.doubleOrNull("tip_x_mm"), n.doubleOrNull("tip_y_mm"), n.doubleOrNull("tip_z_mm"))), r.id);
            List<PlanContent.PlannedSeed> seeds = tx.query("SELECT * FROM plan_seed WHERE revision_id = ? ORDER BY seed_index",
                    s -> new PlanContent.PlannedSeed(new Vec3(s.doubleOrNull("x_mm"), s.doubleOrNull("y_mm"), s.doubleOrNull("z_mm")),
                            s.intOrNull("needle_index") == null ? -1 : s.intOrNull("needle_index")), r.id);
            PlanContent content = new PlanContent(r.intentJson, r.ctSeriesUid, r.prescriptionGy, r.sourceModelKey, r.strengthU, r.calibrationDate,
                    r.implantDate, needles, seeds, r.metrics);
            return Optional.of(new Revision(r.id, r.planId, r.planName, r.patientDbId, r.centreId, r.revision, r.status, content, r.checksum,
                    r.createdBy, r.createdAt, r.approvedBy, r.approvedByName, r.approvedAt, r.signatureMeaning));
        });
    }

    /**
     * Records the e-signature on a DRAFT revision that is the plan's latest: APPROVED, with the signer's id,
     * printed name, time and meaning; earlier APPROVED or LOCKED revisions of the plan become RETIRED.
     */
    public Revision approve(Actor actor, long planId, int revision, String printedName, Instant now) {
        return db.inTransaction(tx -> {
            Revision r = revision(planId, revision).orElseThrow();
            List<Revision> all = revisions(planId);
            if (r.status() != Status.DRAFT) {
                throw new IllegalStateException("revision " + revision + " of plan " + planId + " is " + r.status() + ", only a DRAFT can be approved");
            }
            if (all.get(all.size() - 1).revision() != revision) {
                throw new IllegalStateException("revision " + revision + " of plan " + planId + " is not the latest (" + all.get(all.size() - 1).revision()
                        + "): approve the latest revision");
            }
            if (!r.intact()) {
                throw new IllegalStateException("revision " + revision + " of plan " + planId + " fails its checksum: the stored plan was altered");
            }
            for (Revision old : all) {
                if (old.status() == Status.APPROVED || old.status() == Status.LOCKED) {
                    tx.update("UPDATE plan_revision SET status = 'RETIRED', version = version + 1 WHERE id = ?", old.id());
                    audit.append(actor, "RETIRE", "plan_revision", old.id(), "status", old.status().name(), "RETIRED",
                            "superseded by revision " + revision);
                }
            }
            if (tx.update("UPDATE plan_revision SET status = 'APPROVED', approved_by = ?, approved_by_name = ?, approved_at = ?, signature_meaning = ?,"
                    + " version = version + 1 WHERE id = ? AND status = 'DRAFT'", actor.userId(), printedName, now, MEANING, r.id()) != 1) {
                throw new IllegalStateException("revision " + revision + " of plan " + planId + " changed during the approval: reload it");
            }
            audit.append(actor, "APPROVE", "plan_revision", r.id(), "status", "DRAFT", "APPROVED",
                    MEANING + "; signed " + printedName + " at " + AuditTrail.text(now));
            return revision(planId, revision).orElseThrow();
        });
    }

    /** Marks an APPROVED revision LOCKED (it was exported for treatment) and audits the export. */
    public void recordExport(Actor actor, Revision r, String what) {
        db.inTransaction(tx -> {
            if (r.status() == Status.APPROVED) {
                tx.update("UPDATE plan_revision SET status = 'LOCKED', version = version + 1 WHERE id = ? AND status = 'APPROVED'", r.id());
                audit.append(actor, "LOCK", "plan_revision", r.id(), "status", "APPROVED", "LOCKED", "exported for treatment");
            }
            return audit.event(actor, "EXPORT", "plan_revision", r.id(), what);
        });
    }

    /** The raw row of a revision. */
    private record Row(long id, long planId, String planName, long patientDbId, long centreId, int revision, Status status, String intentJson,
            String ctSeriesUid, Double prescriptionGy, String sourceModelKey, double strengthU, java.time.LocalDate calibrationDate,
            java.time.LocalDate implantDate, PlanContent.Metrics metrics, String checksum, Long createdBy, Instant createdAt, Long approvedBy,
            String approvedByName, Instant approvedAt, String signatureMeaning) {
    }

    private static Row row(Tx.Row r) throws SQLException {
        return new Row(r.longValue("id"), r.longValue("plan_id"), r.string("plan_name"), r.longValue("patient_id"), r.longValue("centre_id"),
                r.intValue("revision"), r.enumValue("status", Status.class), r.string("intent_json"), r.string("ct_series_uid"),
                r.doubleOrNull("prescription_gy"), r.string("source_model_key"), r.doubleOrNull("strength_u"), r.date("calibration_date"),
                r.date("implant_date"), new PlanContent.Metrics(r.string("metrics_structure"), r.doubleOrNull("d90_gy"), r.doubleOrNull("d100_gy"), r.doubleOrNull("v100_percent"),
                        r.doubleOrNull("v150_percent"), r.doubleOrNull("v200_percent"), r.doubleOrNull("ptv_cc")),
                r.string("checksum"), r.longOrNull("created_by"), r.instant("created_at"), r.longOrNull("approved_by"), r.string("approved_by_name"),
                r.instant("approved_at"), r.string("signature_meaning"));
    }
}
