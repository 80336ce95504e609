package org.seedplan.storage.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.registry.AdverseEventData;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.ImplantData;
import org.seedplan.storage.registry.ImplantMetrics;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.OutcomeEventRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.VisitData;
import org.seedplan.storage.registry.VisitRepository;

class DeidentifiedExportTest {

    @TempDir
    Path folder;

    @Test
    void pseudonymIsHmacSha256AsInRfc4231() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?" → 5bdcc146bf60754e6a04…; we keep 16 hex digits
        assertThat(DeidentifiedExport.hmac("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void exportReplacesIdentifiersByKeyedPseudonymsGivesDaysFromImplantAndDropsFreeText(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            CentreRepository centres = new CentreRepository(t.db);
            Centre a = centres.create(Actor.SYSTEM, "A", "Alpha");
            Centre b = centres.create(Actor.SYSTEM, "B", "Beta");
            PatientRepository patients = new PatientRepository(t.db);
            Patient p = patients.create(Actor.SYSTEM, new PatientData(a.id(), "MRN-4711", "Zhang", "Wei", "M", LocalDate.of(1960, 6, 15),
                    "HCC", "IIIA", "T3", "N0", "M0", "IIb", "B", "A", 80, 1, "TACE twice at Hospital X", LocalDate.of(2026, 3, 2)));
            patients.create(Actor.SYSTEM, PatientData.of(a.id(), "MRN-NO-IMPLANT").withName("Li", "Na"));
            Patient other = patients.create(Actor.SYSTEM, PatientData.of(b.id(), "MRN-B").withName("Other", "Centre"));
            new ImplantRepository(t.db).create(Actor.SYSTEM, new ImplantData(other.id(), null, LocalDate.of(2026, 1, 1), 10, null, null,
                    null, null, null, null, null, null, null));
            new LesionRepository(t.db).create(Actor.SYSTEM, new LesionData(p.id(), "L1", "liver", "segment 7 near the IVC", false, true,
                    40.0, null, null));
            new ImplantRepository(t.db).create(Actor.SYSTEM, new ImplantData(p.id(), null, LocalDate.of(2026, 1, 10), 40, 0.6, null,
                    true, 900.0, null, ImplantMetrics.NONE, null, new ImplantMetrics(130.0, null, 95.0, null, null, 40, 22.0), null));
            new VisitRepository(t.db).create(Actor.SYSTEM, new VisitData(p.id(), LocalDate.of(2026, 2, 9), 2, 80, false, null,
                    List.of(), Map.of(1, 2), List.of(new VisitData.LabValue("AFP", 120.0, "ng/mL"))));
            new OutcomeEventRepository(t.db).createAdverseEvent(Actor.SYSTEM,
                    new AdverseEventData(p.id(), LocalDate.of(2026, 1, 11), "Pneumothorax", 1, "CTCAE_5", null));

            DeidentifiedExport export = new DeidentifiedExport(t.db);
            DeidentifiedDataset d = export.export(new Actor(null, "stat", null, a.id(), null), List.of(a.id()));

            assertThat(d.rows("patients")).hasSize(1);
            assertThat(d.excludedNoImplant()).isEqualTo(1);
            List<String> row = d.rows("patients").get(0);
            String pseudonym = row.get(0);
            assertThat(pseudonym).matches("[0-9a-f]{16}");
            assertThat(row.get(d.header("patients").indexOf("age_years"))).as("65 full years on 2026-01-10").isEqualTo("65");
            assertThat(row.get(d.header("patients").indexOf("death_day"))).as("2026-01-10 → 2026-03-02").isEqualTo("51");
            assertThat(d.rows("visits").get(0).subList(0, 3)).containsExactly(pseudonym, "30", "2");
            assertThat(d.rows("labs").get(0)).containsExactly(pseudonym, "30", "AFP", "120.0", "ng/mL");
            assertThat(d.rows("adverse_events").get(0).subList(0, 3)).containsExactly(pseudonym, "1", "Pneumothorax");
            String all = d.tables().toString();
            for (String secret : List.of("MRN", "Zhang", "Wei", "1960", "2026-", "TACE", "segment 7", "Other")) {
                assertThat(all).as(secret).doesNotContain(secret);
            }
            DeidentifiedDataset again = export.export(Actor.SYSTEM, List.of(a.id()));
            assertThat(again.rows("patients").get(0).get(0)).as("a new key per export").isNotEqualTo(pseudonym);
            byte[] key = new byte[32];
            assertThat(export.export(List.of(a.id()), key).rows("patients").get(0).get(0))
                    .isEqualTo(DeidentifiedExport.hmac(key, "A\u0000MRN-4711"));
            assertThat(new AuditTrail(t.db).after(0, 10_000)).filteredOn(e -> e.action().equals("EXPORT")).hasSize(2);
            d.writeCsv(folder.resolve("export"));
            assertThat(folder.resolve("export/patients.csv")).content().startsWith("pseudonym,age_years,");
        }
    }
}
