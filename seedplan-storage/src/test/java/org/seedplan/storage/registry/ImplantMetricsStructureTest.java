package org.seedplan.storage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.cohort.CohortExporter;
import org.seedplan.storage.cohort.CohortImporter;
import org.seedplan.storage.cohort.DeidentifiedDataset;
import org.seedplan.storage.cohort.DeidentifiedExport;

/**
 * An implant's planned D90/V100 name the structure (ROI) they are of (migration V011, {@code planned_metrics_structure}); a
 * row stored before V011 reads back as "structure not recorded", never a guessed name; an edit of such a row leaves it so and
 * audits nothing for it; the registry export (cohort tables, {@code pre_structure}), its import and the de-identified export
 * carry it. On SQLite and PostgreSQL.
 */
class ImplantMetricsStructureTest {

    private static final ImplantMetrics PLANNED = new ImplantMetrics(135.2, 89.7, 96.3, 33.2, 0.66, 25, 29.08);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theStructureIsStoredAuditedAndExportedAndAnOlderRowSaysItWasNotRecorded(Dialect dialect) throws Exception {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            long centre = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan").id();
            PatientRepository patients = new PatientRepository(t.db);
            ImplantRepository implants = new ImplantRepository(t.db);
            long named = patients.create(Actor.SYSTEM, PatientData.of(centre, "P-NAMED")).id();
            long older = patients.create(Actor.SYSTEM, PatientData.of(centre, "P-OLDER")).id();

            ImplantRecord n = implants.create(Actor.SYSTEM, implant(named, "CTV left lobe"));
            ImplantData read = implants.find(n.id()).orElseThrow().data();
            assertThat(read.plannedMetricsStructure()).isEqualTo("CTV left lobe");
            assertThat(read.plannedStructureOrNotRecorded()).isEqualTo("CTV left lobe");
            assertThat(read.planned().d90Gy()).isEqualTo(135.2);
            assertThat(new AuditTrail(t.db).forEntity("implant", n.id())).anySatisfy(e -> {
                assertThat(e.field()).isEqualTo("planned_metrics_structure");
                assertThat(e.newValue()).isEqualTo("CTV left lobe");
            });

            // a row as V010 and earlier stored it: planned metrics, and no column for their structure, so NULL after V011
            ImplantRecord o = implants.create(Actor.SYSTEM, implant(older, null));
            ImplantData olderRead = implants.find(o.id()).orElseThrow().data();
            assertThat(olderRead.plannedMetricsStructure()).isNull();
            assertThat(olderRead.plannedStructureOrNotRecorded()).isEqualTo("structure not recorded");
            // an edit of another field keeps it unrecorded and audits nothing about it
            ImplantData edited = new ImplantData(older, null, olderRead.implantDate(), 26, olderRead.seedActivityMCi(), null, null, null, null,
                    olderRead.planned(), olderRead.plannedMetricsStructure(), olderRead.verified(), null);
            implants.update(Actor.SYSTEM, o.id(), o.version(), edited, "one seed more counted on the film");
            assertThat(implants.find(o.id()).orElseThrow().data().plannedMetricsStructure()).isNull();
            assertThat(new AuditTrail(t.db).forEntity("implant", o.id())).noneSatisfy(e -> assertThat(e.field()).isEqualTo("planned_metrics_structure"));
            assertThat(new AuditTrail(t.db).verify().intact()).isTrue();

            // registry export: the cohort tables' pre_structure, empty (not recorded) for the older row
            Path out = Files.createDirectories(folder.resolve("export"));
            ImportedCohort exported = new CohortExporter(t.db).exportCsv(Actor.SYSTEM, List.of(centre), out);
            assertThat(exported.cohort().patients()).extracting(p -> p.implant().prePlan().structure()).containsExactly("CTV left lobe", null);
            List<String> lines = Files.readAllLines(out.resolve("patients.csv"));
            List<String> header = List.of(lines.get(0).split(",", -1));
            int col = header.indexOf("pre_structure");
            assertThat(col).isPositive();
            assertThat(lines.get(1).split(",", -1)[col]).isEqualTo("CTV left lobe");
            assertThat(lines.get(2).split(",", -1)[col]).isEmpty();

            // and back in (another centre): the structure is stored again, the older row's stays unrecorded
            long other = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS2", "Zhongshan 2").id();
            new CohortImporter(t.db).importCohort(Actor.SYSTEM, other, CohortImport.read(out));
            assertThat(t.number("SELECT COUNT(*) FROM implant i JOIN patient p ON p.id = i.patient_id WHERE p.centre_id = ?"
                    + " AND i.planned_metrics_structure = 'CTV left lobe'", other)).isEqualTo(1);
            assertThat(t.number("SELECT COUNT(*) FROM implant i JOIN patient p ON p.id = i.patient_id WHERE p.centre_id = ?"
                    + " AND i.planned_metrics_structure IS NULL", other)).isEqualTo(1);

            // de-identified export: the column beside the planned D90 and V100
            DeidentifiedDataset d = new DeidentifiedExport(t.db).export(Actor.SYSTEM, List.of(centre));
            int s = d.header("implants").indexOf("planned_metrics_structure");
            assertThat(s).isEqualTo(d.header("implants").indexOf("planned_v100_percent") + 1);
            assertThat(d.rows("implants")).extracting(r -> r.get(s)).containsExactlyInAnyOrder("CTV left lobe", "");
        }
    }

    @Test
    void aBlankStructureNameIsRefused() {
        assertThatThrownBy(() -> implant(1, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("structure name is blank");
    }

    private static ImplantData implant(long patient, String structure) {
        return new ImplantData(patient, null, LocalDate.of(2026, 2, 1), 25, 0.6, null, null, null, null, PLANNED, structure, null, null);
    }
}
