package org.seedplan.server;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.seedplan.geometry.Vec3;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/** Fresh objects in one centre for the API tests, made through storage directly: patients, a stored CT with structures, plans. */
public final class World {

    private final TestServer t;

    public World(TestServer t) {
        this.t = t;
    }

    /** A new patient of {@code centre}. */
    public Patient patient(Centre centre) {
        String id = "P" + UUID.randomUUID().toString().substring(0, 8);
        return new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(centre.id(), id).withName("Test", "Pat " + id));
    }

    /** A new lesion of a new patient of {@code centre}; its id. */
    public long lesion(Centre centre) {
        long p = patient(centre).id();
        return t.db.inTransaction(tx -> tx.insert("INSERT INTO lesion (patient_id, label, nodal, target, version) VALUES (?, 'L1', FALSE, TRUE, 1)", p));
    }

    /** A new visit of a new patient of {@code centre}; its id. */
    public long visit(Centre centre) {
        long p = patient(centre).id();
        return t.db.inTransaction(tx -> tx.insert("INSERT INTO visit (patient_id, visit_date, version) VALUES (?, ?, 1)", p, java.time.LocalDate.parse("2026-11-01")));
    }

    /** A new implant of a new patient of {@code centre}; its id. */
    public long implant(Centre centre) {
        long p = patient(centre).id();
        return t.db.inTransaction(tx -> tx.insert("INSERT INTO implant (patient_id, implant_date, version) VALUES (?, ?, 1)", p, java.time.LocalDate.parse("2026-10-01")));
    }

    /** A new patient with a stored CT and RTSTRUCT; returns the patient and the CT series UID. */
    public Object[] patientWithCt(Centre centre) throws Exception {
        Patient p = patient(centre);
        DicomFixture.Written w = DicomFixture.write(t.folder("fixture"), p.patientId(), "TEST^PAT");
        DicomStore.open(t.db).importForPatient(Actor.SYSTEM, p.id(), w.files(), ImportLimits.DEFAULT);
        return new Object[] {p, w.ctSeriesUid()};
    }

    /** The content of a small plan: two needles of two seeds. */
    public static PlanContent content(String ctSeriesUid) {
        List<PlanContent.Needle> needles = List.of(new PlanContent.Needle(new Vec3(-2, -40, 2), new Vec3(-2, 10, 2)),
                new PlanContent.Needle(new Vec3(2, -40, 2), new Vec3(2, 10, 2)));
        List<PlanContent.PlannedSeed> seeds = List.of(new PlanContent.PlannedSeed(new Vec3(-2, -3, 2), 0), new PlanContent.PlannedSeed(new Vec3(-2, 3, 2), 0),
                new PlanContent.PlannedSeed(new Vec3(2, -3, 2), 1), new PlanContent.PlannedSeed(new Vec3(2, 3, 2), 1));
        return new PlanContent("{\"target\":\"CTV\"}", ctSeriesUid, 120.0, "amersham6711", 0.76, java.time.LocalDate.parse("2026-12-01"), null,
                needles, seeds, null);
    }

    /** A plan with a DRAFT revision 1 on a stored CT. */
    public PlanRevisions.Revision draftPlan(Centre centre) throws Exception {
        Object[] pc = patientWithCt(centre);
        return new PlanRevisions(t.db).createPlan(Actor.SYSTEM, ((Patient) pc[0]).id(), "Plan " + UUID.randomUUID().toString().substring(0, 4),
                content((String) pc[1]), t.clock.instant());
    }

    /** A plan whose revision 1 is APPROVED (by the centre's physicist). */
    public PlanRevisions.Revision approvedPlan(Centre centre, boolean centreA) throws Exception {
        PlanRevisions.Revision r = draftPlan(centre);
        var physicist = (centreA ? t.usersA : t.usersB).get(Role.PHYSICIST);
        return new PlanRevisions(t.db).approve(new Actor(physicist.id(), physicist.username(), Role.PHYSICIST, centre.id(), null), r.planId(), 1,
                physicist.displayName(), Instant.now());
    }
}
