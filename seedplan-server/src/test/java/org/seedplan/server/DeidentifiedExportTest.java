package org.seedplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.io.SyntheticCohort;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.cohort.CohortImporter;

/** The statistician's export: keyed pseudonyms that differ between exports, days from implant instead of dates, no free text, audited. */
class DeidentifiedExportTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theExportCarriesPseudonymsAndDayNumbersOnlyAndIsAudited(TestDatabases.Kind kind) throws Exception {
        try (TestServer t = new TestServer(kind)) {
            SyntheticCohort.Result demo = SyntheticCohort.generate(12, 5, 0);
            Map<String, Long> ids = new CohortImporter(t.db).importCohort(Actor.SYSTEM, t.a.id(), new ImportedCohort(demo.cohort(), demo.sessions(), "test"));
            ApiClient stat = t.signedIn(Role.STATISTICIAN, true);
            Map<String, String> first = unzip(stat.bytes("/api/export/deidentified?centreId=" + t.a.id()));
            Map<String, String> second = unzip(stat.bytes("/api/export/deidentified?centreId=" + t.a.id()));
            String patients = first.get("patients.csv");
            String header = patients.lines().findFirst().orElseThrow();
            assertThat(header).startsWith("pseudonym,").contains("death_day").doesNotContain("patient_id", "birth", "date", "prior_treatments");
            assertThat(first.get("visits.csv").lines().findFirst().orElseThrow()).startsWith("pseudonym,day,").doesNotContain("date");
            List<String> cells = first.values().stream().flatMap(String::lines).flatMap(l -> Arrays.stream(l.split(","))).toList();
            assertThat(cells).doesNotContainAnyElementsOf(ids.keySet());
            List<String> pseudonyms = patients.lines().skip(1).map(l -> l.split(",")[0]).toList();
            assertThat(pseudonyms).allMatch(p -> p.matches("[0-9a-f]{16}")).hasSize(ids.size());
            assertThat(pseudonyms).as("a fresh key per export: two exports cannot be linked")
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
