package org.seedplan.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.cli.demo.DemoCertificate;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.ImplantData;

/**
 * {@code serve --demo} states the demo's one seed certificate: the revision's strength is the certificate's on its calibration
 * date (as the command line's demo RT Plan), and the registry's implant record is the revision's implant, on its implant date,
 * its planned metrics naming the structure the revision's metrics are of.
 */
class DemoDataImplantTest {

    /** I-125, TG-43U1. */
    private static final double HALF_LIFE_DAYS = 59.40;

    @Test
    void theDemoRevisionStoresTheCertificatesStrengthOnItsCalibrationDate() {
        // 0.6 mCi at implant = 0.7620 U (1.270 U/mCi); 7 days earlier exp(ln 2 · 7 / 59.40) more (hand formula)
        double atCalibration = DemoCertificate.sourceInfo(SourceLibrary.builtIn().model("amersham6711"), HALF_LIFE_DAYS).atCalibrationU(0.762);
        assertThat(atCalibration).isCloseTo(0.762 * Math.exp(Math.log(2) * 7 / HALF_LIFE_DAYS), within(1e-12)).isCloseTo(0.8269, within(5e-5));
        assertThat(DemoCertificate.CALIBRATION.toLocalDate()).isEqualTo(LocalDate.of(2025, 2, 24));
    }

    @Test
    void theImplantRecordIsTheRevisionsImplantOnItsImplantDateWithTheActivityAtImplant() {
        PlanContent.Metrics metrics = new PlanContent.Metrics("CTV", 135.2, 89.7, 96.3, 33.2, 9.5, 29.08);
        PlanContent c = new PlanContent(null, "1.2.3", 120.0, "amersham6711", 0.762 * Math.exp(Math.log(2) * 7 / HALF_LIFE_DAYS),
                LocalDate.of(2025, 2, 24), LocalDate.of(2025, 3, 3), List.of(new PlanContent.Needle(new Vec3(0, -80, 0), new Vec3(0, 10, 0))),
                List.of(new PlanContent.PlannedSeed(new Vec3(0, 10, 0), 0), new PlanContent.PlannedSeed(new Vec3(0, 5, 0), 0)), metrics);
        PlanRevisions.Revision r = new PlanRevisions.Revision(7, 3, "demo", 11, 1, 1, PlanRevisions.Status.APPROVED, c, "x", 1L, Instant.EPOCH, 1L,
                "Demo Physicist A", Instant.EPOCH, PlanRevisions.MEANING);
        ImplantData d = DemoData.implantOf(11, r, "1.2.4");
        assertThat(d.implantDate()).isEqualTo(LocalDate.of(2025, 3, 3));
        assertThat(d.planRevisionId()).isEqualTo(7L);
        assertThat(d.seedCount()).isEqualTo(2);
        // the strength every dose used: 0.762 U at implant = 0.6 mCi (1.270 U/mCi, TG-43U1's 6711 conversion)
        assertThat(d.seedActivityMCi()).isCloseTo(0.6, within(1e-3));
        assertThat(d.planned().d90Gy()).isEqualTo(135.2);
        assertThat(d.planned().v100Percent()).isEqualTo(96.3);
        assertThat(d.planned().v150Percent()).isEqualTo(33.2);
        assertThat(d.planned().ptvCc()).isEqualTo(29.08);
        assertThat(d.planned().seedCount()).isEqualTo(2);
        // the structure the planned metrics are of: the revision's own record of it, not a guess from the intent
        assertThat(d.plannedMetricsStructure()).isEqualTo("CTV");
        assertThat(d.postopStudyUid()).isEqualTo("1.2.4");
    }
}
