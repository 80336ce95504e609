package org.seedplan.server.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.PatientData;

/** The printout names the structure the revision's stored metrics are of, or says it was not recorded (rows stored before V010). */
class PlanPrintoutTest {

    @Test
    void theStoredMetricsNameTheirStructureOrSayItWasNotRecorded() throws Exception {
        assertThat(printout(new PlanContent.Metrics("CTV liver", 135.2, 89.7, 96.3, 33.2, 9.5, 29.08)))
                .contains("Metrics of CTV liver: D90: 135.2 Gy D100: 89.7 Gy V100: 96.3 %");
        assertThat(printout(new PlanContent.Metrics(null, 135.2, 89.7, 96.3, 33.2, 9.5, 29.08)))
                .contains("Metrics (structure not recorded): D90: 135.2 Gy").doesNotContain("Metrics of CTV");
    }

    private static String printout(PlanContent.Metrics m) throws Exception {
        PlanContent c = new PlanContent("{\"target\":\"CTV\"}", "1.2.3", 120.0, "amersham6711", 0.76, LocalDate.parse("2026-11-26"),
                LocalDate.parse("2026-12-03"), List.of(new PlanContent.Needle(new Vec3(0, -40, 0), new Vec3(0, 10, 0))),
                List.of(new PlanContent.PlannedSeed(new Vec3(0, 0, 0), 0)), m);
        PlanRevisions.Revision r = new PlanRevisions.Revision(1, 1, "Liver S7", 1, 1, 1, PlanRevisions.Status.APPROVED, c, c.checksum(1, 1), 1L,
                Instant.parse("2026-11-20T10:00:00Z"), 2L, "Dr physicist", Instant.parse("2026-11-21T10:00:00Z"), "approved for treatment");
        PatientData patient = new PatientData(1, "P-1", "DOE", "Jane", "F", LocalDate.parse("1960-01-01"), null, null, null, null, null, null, null,
                null, null, null, null, null);
        try (var doc = Loader.loadPDF(new PlanPrintout().render(r, patient, "Centre A"))) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}
