package org.seedplan.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.TemperatureSample;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.DicomStoreTest;
import org.seedplan.storage.registry.AdverseEventData;
import org.seedplan.storage.registry.AdverseEventRecord;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.HyperthermiaRecord;
import org.seedplan.storage.registry.HyperthermiaRepository;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.OutcomeEventRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.ProgressionData;
import org.seedplan.storage.registry.ProgressionRecord;
import org.seedplan.storage.registry.VisitData;
import org.seedplan.storage.registry.VisitRecord;
import org.seedplan.storage.registry.VisitRepository;
import org.seedplan.storage.studyvars.ResearchStudy;
import org.seedplan.storage.studyvars.StudyTemplate;
import org.seedplan.storage.studyvars.StudyValue;
import org.seedplan.storage.studyvars.StudyVariable;
import org.seedplan.storage.studyvars.StudyVariableRepository;

/**
 * {@link AuditTrail#ofPatient} lists the rows about a patient's study values (patient, lesion and visit level, deleted ones
 * too, of a lesion since deleted too), hyperthermia sessions with their temperature logs (replaced, deleted), adverse events,
 * progressions and the DICOM studies and series stored for the patient, each written without a patient and found at query time, exactly the rows
 * the one-record form lists for those records; never another patient's, whose centre's rows are filtered out as well. The look-up
 * of a deleted record's CREATE row reads the V016 index (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite).
 */
class AuditTrailOfPatientTest {

    @TempDir
    Path folder;

    /** The kinds of record this test writes for each patient (besides the patient, its lesions and visits). */
    private static final List<String> KINDS = List.of("study_value", "hyperthermia_session", "adverse_event", "progression", "dicom_study",
            "dicom_series", "dicom_instance");

    /** A patient's records, by entity, each id as the audit trail writes it. */
    private record Written(Patient patient, Map<String, List<String>> ids) {
    }

    private static Written records(TestDatabase t, Centre c, String mrn, String uidRoot) {
        Actor a = new Actor(null, "data_entry_" + c.code(), Role.DATA_ENTRY, c.id(), null);
        Patient p = new PatientRepository(t.db).create(a, PatientData.of(c.id(), mrn));
        LesionRepository lesions = new LesionRepository(t.db);
        LesionRecord kept = lesions.create(a, new LesionData(p.id(), "L1", "liver", null, false, true, 30.0, null, null, null));
        LesionRecord gone = lesions.create(a, new LesionData(p.id(), "L2", "liver", null, false, false, 12.0, null, null, null));
        VisitRecord visit = new VisitRepository(t.db).create(a, new VisitData(p.id(), LocalDate.of(2026, 6, 1), 2, null, false, null,
                List.of(), Map.of(), List.of()));

        StudyVariableRepository vars = new StudyVariableRepository(t.db);
        ResearchStudy study = vars.createStudy(a, c.id(), "HCC-" + c.code(), "I-125 seeds for HCC");
        vars.defineAll(a, study.id(), StudyTemplate.seedImplant());
        Map<String, Long> byName = new java.util.HashMap<>();
        vars.variablesOf(study.id()).forEach(v -> byName.put(v.definition().name(), v.id()));
        StudyValue pvtt = vars.setValue(a, byName.get("pvtt"), p.id(), 1, "Vp3", null, null);
        vars.setValue(a, byName.get("pvtt"), p.id(), 1, "Vp2", pvtt.version(), "read again on the portal phase");
        StudyValue afp = vars.setValue(a, byName.get("afp_baseline"), p.id(), 1, "420", null, null);
        vars.deleteValue(a, afp.id(), afp.version(), "from another patient's lab sheet");
        StudyValue grade = vars.setValue(a, byName.get("grade"), kept.id(), 1, "G2", null, null);
        StudyValue goneGrade = vars.setValue(a, byName.get("grade"), gone.id(), 1, "G3", null, null);
        vars.deleteValue(a, goneGrade.id(), goneGrade.version(), "lesion recorded twice");
        lesions.delete(a, gone.id(), gone.version(), "recorded twice");
        StudyValue tg = vars.setValue(a, byName.get("tg"), visit.id(), 1, "2.5", null, null);

        HyperthermiaRepository heat = new HyperthermiaRepository(t.db);
        List<TemperatureSample> log = List.of(new TemperatureSample(0, 1, 37.0), new TemperatureSample(30, 1, 42.5));
        HyperthermiaRecord first = heat.create(a, p.id(), new HyperthermiaSession(mrn, 1, LocalDateTime.of(2026, 6, 2, 9, 0), log));
        heat.replace(a, first.id(), first.version(), first.start(), List.of(new TemperatureSample(0, 1, 37.0),
                new TemperatureSample(30, 1, 42.5), new TemperatureSample(60, 1, 42.8)), "second half of the log");
        HyperthermiaRecord second = heat.create(a, p.id(), new HyperthermiaSession(mrn, 2, LocalDateTime.of(2026, 6, 9, 9, 0), log));
        heat.delete(a, second.id(), second.version(), "uploaded twice");

        OutcomeEventRepository outcomes = new OutcomeEventRepository(t.db);
        AdverseEventRecord fever = outcomes.createAdverseEvent(a, new AdverseEventData(p.id(), LocalDate.of(2026, 6, 3), "Fever", 1, "CTCAE_5", null));
        outcomes.deleteAdverseEvent(a, fever.id(), fever.version(), "entered on the wrong patient");
        ProgressionRecord progression = outcomes.createProgression(a, new ProgressionData(p.id(), LocalDate.of(2026, 7, 1), "LOCAL"));
        outcomes.updateProgression(a, progression.id(), progression.version(), new ProgressionData(p.id(), LocalDate.of(2026, 7, 1), "DISTANT"),
                "lung metastasis on the same CT");

        DicomStore store = DicomStore.open(t.db);
        String studyUid = uidRoot + ".1";
        store.store(a, p.id(), DicomStoreTest.ct(mrn, uidRoot + ".2.1", 1, uidRoot + ".2", studyUid), "scanner");
        store.store(a, p.id(), DicomStoreTest.ct(mrn, uidRoot + ".3.1", 1, uidRoot + ".3", studyUid), "scanner");
        long studyId = t.number("SELECT id FROM dicom_study WHERE study_instance_uid = ?", studyUid);
        List<String> series = t.db.read(tx -> tx.query("SELECT id FROM dicom_series WHERE study_id = ? ORDER BY id",
                r -> Long.toString(r.longValue("id")), studyId));

        return new Written(p, Map.of(
                "study_value", Stream.of(pvtt, afp, grade, goneGrade, tg).map(v -> Long.toString(v.id())).toList(),
                "hyperthermia_session", List.of(Long.toString(first.id()), Long.toString(second.id())),
                "adverse_event", List.of(Long.toString(fever.id())),
                "progression", List.of(Long.toString(progression.id())),
                "dicom_study", List.of(Long.toString(studyId)),
                "dicom_series", series,
                "dicom_instance", t.db.read(tx -> tx.query("SELECT i.id FROM dicom_instance i JOIN dicom_series s ON s.id = i.series_id"
                        + " WHERE s.study_id = ? ORDER BY i.id", r -> Long.toString(r.longValue("id")), studyId))));
    }

    private static List<Long> seqs(List<AuditEvent> rows) {
        return rows.stream().map(AuditEvent::seq).toList();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void studyValuesHyperthermiaAdverseEventsAndDicomAreListedForTheirPatientOnly(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            CentreRepository centres = new CentreRepository(t.db);
            Centre a = centres.create(Actor.SYSTEM, "A", "Centre A");
            Centre b = centres.create(Actor.SYSTEM, "B", "Centre B");
            Written inA = records(t, a, "PA", "1.2.826.0.1.3680043.9.7777.50");
            Written inB = records(t, b, "PB", "1.2.826.0.1.3680043.9.7777.60");
            AuditTrail audit = new AuditTrail(t.db);
            Set<Long> both = Set.of(a.id(), b.id());
            for (String kind : KINDS) {
                List<AuditEvent> expected = new ArrayList<>();
                inA.ids().get(kind).forEach(id -> expected.addAll(audit.forEntity(kind, id)));
                expected.sort(Comparator.comparingLong(AuditEvent::seq));
                assertThat(expected).as("%s: rows written", kind).isNotEmpty().allSatisfy(r -> assertThat(r.patientId()).isNull());
                List<AuditEvent> listed = audit.ofPatient(inA.patient().id(), kind, null, both, 0, 1000);
                assertThat(seqs(listed)).as("%s of A's patient: the one-record form's rows of its records, in order", kind)
                        .isEqualTo(seqs(expected));
                assertThat(listed).extracting(AuditEvent::entityId).as("%s: none of B's patient's", kind)
                        .doesNotContainAnyElementsOf(inB.ids().get(kind));
                assertThat(audit.ofPatient(inA.patient().id(), kind, null, Set.of(b.id()), 0, 1000)).as("%s: A's patient for B's auditor", kind)
                        .isEmpty();
            }
            List<AuditEvent> all = audit.ofPatient(inA.patient().id(), null, null, Set.of(a.id()), 0, 1000);
            assertThat(all).extracting(AuditEvent::action).as("the deleted records' rows").contains("DELETE");
            assertThat(all).filteredOn(r -> r.entity().equals("hyperthermia_session") && "samples".equals(r.field()))
                    .extracting(AuditEvent::newValue).as("the temperature log's size as written, replaced, written and deleted").containsExactly("2", "3", "2", null);
            assertThat(all).filteredOn(r -> r.entity().equals("study_value") && r.action().equals("DELETE") && "value".equals(r.field()))
                    .extracting(AuditEvent::oldValue).as("the deleted values: A's patient's AFP and its deleted lesion's grade").containsExactly("420", "G3");
            assertThat(all).extracting(AuditEvent::centreId).containsOnly(a.id());
            assertThat(audit.verify().intact()).isTrue();
        }
    }

    /**
     * Every look-up of a record's or a study value's own audit rows (aliases k and v; PostgreSQL numbers them k_1, …) in the query {@code ofPatient} runs reads
     * the index of storage V016, on a trail of 7 200 rows (1 200 deleted lesions' CREATE rows of 300 patients, a study value of
     * each) where reading the
     * entity's rows would be the alternative: PostgreSQL's planner after ANALYZE, SQLite's EXPLAIN QUERY PLAN.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theLookUpOfADeletedRecordsCreateRowIsAnIndexLookUp(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre a = new CentreRepository(t.db).create(Actor.SYSTEM, "A", "Centre A");
            Actor actor = new Actor(null, "data_entry_a", Role.DATA_ENTRY, a.id(), null);
            AuditTrail audit = new AuditTrail(t.db);
            t.db.inTransaction(tx -> {
                for (int i = 1; i <= 1200; i++) {
                    audit.changes(actor, "CREATE", "lesion", i, Map.of(), Map.of("patient_id", i % 300, "label", "L" + i, "organ", "liver"), null);
                    audit.changes(actor, "DELETE", "lesion", i, Map.of("label", "L" + i), Map.of(), "recorded twice");
                    // a study value of each lesion: reading study_value's rows whole is the alternative to the index (v)
                    audit.changes(actor, "CREATE", "study_value", i, Map.of(), Map.of("lesion", i, "value", "x"), null);
                }
                return null;
            });
            AuditTrail.Query q = AuditTrail.ofPatientQuery(7, null, null, Set.of(a.id()), 0, 200);
            List<String> plan;
            if (dialect == Dialect.POSTGRESQL) {
                t.raw("ANALYZE audit_event");
                plan = t.db.read(tx -> tx.query("EXPLAIN " + q.sql(), r -> r.string("QUERY PLAN"), q.args().toArray()));
            } else {
                plan = t.db.read(tx -> tx.query("EXPLAIN QUERY PLAN " + q.sql(), r -> r.string("detail"), q.args().toArray()));
            }
            List<String> ownRows = plan.stream().filter(line -> line.matches(".*(audit_event [kv](_\\d+)?\\b|\\b(SCAN|SEARCH) [kv]\\b).*")).toList();
            assertThat(ownRows).as("the look-ups in the plan:%n%s", String.join("\n", plan)).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(line -> assertThat(line).contains("audit_event_record_of"));
            assertThat(seqs(audit.ofPatient(7, "lesion", null, Set.of(a.id()), 0, 1000))).as("patient 7's deleted lesions' rows")
                    .hasSize(4 * 4);
        }
    }
    /**
     * A patient's rows are gathered by index look-ups and read by sequence number, never by walking the trail: in SQLite's
     * EXPLAIN QUERY PLAN no step reads audit_event (the outer query or a branch, not the look-ups k and v) by a scan or by a
     * range of sequence numbers, and only the branch of the rows carrying the patient reads audit_event_patient. Before the
     * "desk" session of 2026-12-05 the rows carrying no patient were read from afterSeq on ({@code SEARCH audit_event USING INDEX
     * audit_event_patient (patient_id=? AND seq>?)}, every such row of the trail) and tested each: 0.4–0.5 s for one page on a trail of
     * 200 000 rows ({@code seedplan bench audit}). PostgreSQL's plan is measured there, not held here (its planner may read a
     * small table whole).
     */
    @Test
    void aPatientsRowsAreFoundByIndexNotByWalkingTheTrail() {
        try (TestDatabase t = TestDatabase.open(Dialect.SQLITE, folder)) {
            Centre a = new CentreRepository(t.db).create(Actor.SYSTEM, "A", "Centre A");
            Actor actor = new Actor(null, "data_entry_a", Role.DATA_ENTRY, a.id(), null);
            AuditTrail audit = new AuditTrail(t.db);
            t.db.inTransaction(tx -> {
                for (int i = 1; i <= 1200; i++) {
                    audit.changes(actor, "CREATE", "lesion", i, Map.of(), Map.of("patient_id", i % 300, "label", "L" + i), null);
                    audit.event(actor, "VERIFICATION_START", "verification_run", i, null, (long) (i % 300));
                }
                return null;
            });
            for (String action : java.util.Arrays.asList(null, "CREATE")) {
                AuditTrail.Query q = AuditTrail.ofPatientQuery(7, null, action, Set.of(a.id()), 0, 200);
                List<String> plan = t.db.read(tx -> tx.query("EXPLAIN QUERY PLAN " + q.sql(), r -> r.string("detail"), q.args().toArray()));
                List<String> trailReads = plan.stream().filter(line -> line.matches(".*\\b(SCAN|SEARCH) audit_event\\b.*")).toList();
                assertThat(trailReads).as("the reads of audit_event in the plan:%n%s", String.join("\n", plan)).isNotEmpty()
                        .noneMatch(line -> line.startsWith("SCAN") || line.matches(".*(seq|rowid)[<>].*"));
                // audit_event_patient once, for the rows carrying the patient: not to read every row carrying none
                assertThat(trailReads).as("the reads of audit_event in the plan:%n%s", String.join("\n", plan))
                        .filteredOn(line -> line.contains("audit_event_patient")).hasSize(1);
            }
            assertThat(audit.ofPatient(7, null, null, Set.of(a.id()), 0, 1000)).as("patient 7's rows: 4 lesions' CREATE rows (2 fields each), 4 runs").hasSize(4 * 2 + 4);
        }
    }
}
