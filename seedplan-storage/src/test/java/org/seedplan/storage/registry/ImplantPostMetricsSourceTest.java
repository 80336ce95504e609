package org.seedplan.storage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.cohort.CohortExporter;
import org.seedplan.storage.cohort.CohortImporter;
import org.seedplan.storage.cohort.DeidentifiedDataset;
import org.seedplan.storage.cohort.DeidentifiedExport;

/**
 * Post-operative metrics saved from a verification run keep the run, its end and the dose engine (migration V013,
 * {@link PostMetricsSource}), audited field by field; a row without one (typed in) reads none. The structure they are of
 * reaches the cohort tables as {@code post_structure} beside {@code pre_structure}, comes back in on import, and is in the
 * de-identified export as {@code post_metrics_structure}. On SQLite and PostgreSQL.
 */
class ImplantPostMetricsSourceTest {

    private static final ImplantMetrics POST = new ImplantMetrics(131.46, 80.2, 95.1, 31.0, null, 25, 29.1);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theRunAndEngineAreStoredAuditedAndThePostStructureIsExportedAndImported(Dialect dialect) throws Exception {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            long centre = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan").id();
            PatientRepository patients = new PatientRepository(t.db);
            ImplantRepository implants = new ImplantRepository(t.db);
            long saved = patients.create(Actor.SYSTEM, PatientData.of(centre, "P-SAVED")).id();
            long typed = patients.create(Actor.SYSTEM, PatientData.of(centre, "P-TYPED")).id();

            ImplantRecord s = implants.create(Actor.SYSTEM, implant(saved));
            Instant end = Instant.parse("2026-12-04T14:10:07.123456Z");
            PostMetricsSource source = new PostMetricsSource("3f2a1b2c-run", "Dm,m", end);
            implants.update(Actor.SYSTEM, s.id(), 1, s.data().withVerified(POST, "CTV", source), "saved from verification 3f2a1b2c-run");
            ImplantData read = implants.find(s.id()).orElseThrow().data();
            assertThat(read.verifiedSource()).isEqualTo(source);
            assertThat(read.verifiedSource().runFinishedAt()).as("stored to the millisecond, as every instant").isEqualTo(Instant.parse("2026-12-04T14:10:07.123Z"));
            assertThat(read.verified()).isEqualTo(POST);
            assertThat(read.verifiedMetricsStructure()).isEqualTo("CTV");
            assertThat(new AuditTrail(t.db).forEntity("implant", s.id())).anySatisfy(e -> {
                assertThat(e.field()).isEqualTo("post_metrics_engine");
                assertThat(e.oldValue()).isNull();
                assertThat(e.newValue()).isEqualTo("Dm,m");
                assertThat(e.reason()).isEqualTo("saved from verification 3f2a1b2c-run");
            });
            assertThat(new AuditTrail(t.db).verify().intact()).isTrue();

            ImplantRecord x = implants.create(Actor.SYSTEM, implant(typed).withVerified(POST, "GTV", null));
            assertThat(implants.find(x.id()).orElseThrow().data().verifiedSource()).isNull();

            Path out = Files.createDirectories(folder.resolve("export"));
            new CohortExporter(t.db).exportCsv(Actor.SYSTEM, List.of(centre), out);
            List<String> lines = Files.readAllLines(out.resolve("patients.csv"));
            List<String> header = List.of(lines.get(0).split(",", -1));
            int post = header.indexOf("post_structure");
            assertThat(post).isEqualTo(header.indexOf("pre_structure") + 1);
            assertThat(List.of(lines.get(1).split(",", -1)[post], lines.get(2).split(",", -1)[post])).containsExactlyInAnyOrder("CTV", "GTV");

            long other = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS2", "Zhongshan 2").id();
            new CohortImporter(t.db).importCohort(Actor.SYSTEM, other, CohortImport.read(out));
            assertThat(t.number("SELECT COUNT(*) FROM implant i JOIN patient p ON p.id = i.patient_id WHERE p.centre_id = ?"
                    + " AND i.post_metrics_structure = 'CTV'", other)).isEqualTo(1);
            assertThat(t.number("SELECT COUNT(*) FROM implant i JOIN patient p ON p.id = i.patient_id WHERE p.centre_id = ?"
                    + " AND i.post_metrics_structure = 'GTV'", other)).isEqualTo(1);

            DeidentifiedDataset d = new DeidentifiedExport(t.db).export(Actor.SYSTEM, List.of(centre));
            int col = d.header("implants").indexOf("post_metrics_structure");
            assertThat(col).isPositive();
            assertThat(d.rows("implants")).extracting(r -> r.get(col)).containsExactlyInAnyOrder("CTV", "GTV");
        }
    }

    @Test
    void anUnknownEngineIsRefused() {
        assertThatThrownBy(() -> new PostMetricsSource("run", "Monte Carlo", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TG-43");
    }

    private static ImplantData implant(long patient) {
        return new ImplantData(patient, null, LocalDate.of(2026, 2, 1), 25, 0.6, null, null, null, null, null, null, null, null);
    }
}
