package org.seedplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.io.SyntheticCohort;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.cohort.CohortImporter;

/** The statistician's export: keyed pseudonyms that differ between exports, days from implant instead of dates, no free text, audited. */
class DeidentifiedExportTest {

    @Test
    void theExportCarriesPseudonymsAndDayNumbersOnlyAndIsAudited() throws Exception {
        try (TestServer t = new TestServer(TestDatabases.Kind.SQLITE)) {
            SyntheticCohort.Result demo = SyntheticCohort.generate(12, 5, 0);
            Map<String, Long> ids = new CohortImporter(t.db).importCohort(Actor.SYSTEM, t.a.id(), new ImportedCohort(demo.cohort(), demo.sessions(), "test"));
            ApiClient stat = t.signedIn(Role.STATISTICIAN, true);
            Map<String, String> first = unzip(stat.bytes("/api/export/deidentified?centreId=" + t.a.id()));
            Map<String, String> second = unzip(stat.bytes("/api/export/deidentified?centreId=" + t.a.id()));
            String patients = first.get("patients.csv");
            String header = patients.lines().findFirst().orElseThrow();
            assertThat(header).contains("patient_id", "implant_day").doesNotContain("implant_date", "prior_treatments");
            assertThat(first.get("followups.csv").lines().findFirst().orElseThrow()).contains(",day,").doesNotContain(",date,");
            for (String original : ids.keySet()) {
                first.values().forEach(table -> assertThat(table).doesNotContain("\n" + original + ","));
            }
            assertThat(patients.lines().skip(1).map(l -> l.split(",")[0])).allMatch(p -> p.matches("S[0-9a-f]{12}")).hasSize(ids.size());
            assertThat(patients.lines().skip(1).map(l -> l.split(",")[0]).toList())
                    .doesNotContainAnyElementsOf(second.get("patients.csv").lines().skip(1).map(l -> l.split(",")[0]).toList());
            assertThat(String.join("", first.values())).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
            assertThat(t.services.audit().forEntity("centre", t.a.id())).extracting(AuditEvent::action).contains("EXPORT");
        }
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
