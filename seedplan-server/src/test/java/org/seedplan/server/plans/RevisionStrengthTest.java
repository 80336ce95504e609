package org.seedplan.server.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.server.api.Json;
import org.seedplan.server.planning.IntentForm;
import org.seedplan.server.planning.PlanningFixture;
import org.seedplan.server.verification.PostImplantCheck;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.structure.Mask;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.comparison.ImplantVerifier;
import org.seedplan.verify.comparison.Verification;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.seedfinder.FoundSeed;

/**
 * A revision calibrated 7 days before its implant: verification doses its seeds with the strength the plan screen planned
 * with (S_K at calibration decayed by exp(−ln 2 · 7 / 59.40), TG-43U1's I-125 half-life), and the printouts say which
 * strength is on which date.
 */
class RevisionStrengthTest {

    /** TG-43U1 I-125 half-life, days, written out here rather than taken from the code under test. */
    private static final double T_HALF_DAYS = 59.40;

    /** The plan screen's form (calibration 2026-11-26, implant 2026-12-03) stored the way the plan screen saves a revision. */
    private static IntentForm form() throws Exception {
        return IntentForm.parse((ObjectNode) Json.MAPPER.readTree(PlanningFixture.FORM));
    }

    private static PlanContent saved(IntentForm f, List<Vec3> centres) {
        List<PlanContent.PlannedSeed> seeds = centres.stream().map(c -> new PlanContent.PlannedSeed(c, -1)).toList();
        return new PlanContent(f.json(), "1.2.3", 120.0, f.intent().seed().sourceKey(), f.strengthAtCalibration().skU(), f.calibrationDate(),
                f.implantDate(), List.of(), seeds, null);
    }

    @Test
    void verificationSeedsHaveThePlanScreensStrengthAtImplantNotTheCertificates() throws Exception {
        IntentForm f = form();
        assertThat(f.implantDate()).isEqualTo(f.calibrationDate().plusDays(7));
        PlanContent c = saved(f, List.of(new Vec3(0, 0, 0)));
        double hand = f.strengthAtCalibration().skU() * Math.exp(-Math.log(2) * 7 / T_HALF_DAYS);
        double verified = PostImplantCheck.plannedSeeds(c).get(0).skU();
        // the same arithmetic on both sides: only rounding differs
        assertThat(verified / hand - 1).isCloseTo(0, within(1e-12));
        assertThat(verified / f.intent().seed().skU() - 1).isCloseTo(0, within(1e-12));
        assertThat(verified / c.strengthU()).isCloseTo(0.9215, within(1e-4));
    }

    @Test
    void thePointDoseAtOneCentimetreIsTheHandTg43DoseOfTheDecayedStrength() throws Exception {
        IntentForm f = form();
        PlanContent c = saved(f, List.of(new Vec3(0, 0, 0)));
        SourceModel model = SourceLibrary.builtIn().model(c.sourceModelKey());
        Seed seed = PostImplantCheck.plannedSeeds(c).get(0);
        // at (1 cm, 90°) TG-43 gives S_K · Λ exactly (G/G0 = 1, g(1) = 1, F(1, 90°) = 1); total dose × τ = T½ · 24 / ln 2 h, /100 cGy→Gy
        double tauH = T_HALF_DAYS * 24 / Math.log(2);
        double handGy = f.strengthAtCalibration().skU() * Math.exp(-Math.log(2) * 7 / T_HALF_DAYS) * model.doseRateConstantCGyPerHPerU() * tauH / 100;
        double engineGy = new Tg43Kernel(model, DoseModel.LINE_2D).doseRateCGyPerH(seed, new Vec3(10, 0, 0))
                * DecayIntegral.permanent(model.halfLifeDays()).gyPerCGyPerH();
        assertThat(engineGy / handGy - 1).isCloseTo(0, within(1e-6));
    }

    @Test
    void verificationsPrePlanD90IsThePlanScreensD90OfTheSameSeeds() throws Exception {
        IntentForm f = form();
        List<Vec3> centres = List.of(new Vec3(-5, -5, 0), new Vec3(5, -5, 0), new Vec3(-5, 5, 0), new Vec3(5, 5, 0), new Vec3(0, 0, -5), new Vec3(0, 0, 5));
        PlanContent c = saved(f, centres);
        SourceModel model = SourceLibrary.builtIn().model(c.sourceModelKey());
        Grid grid = Grid.covering(new Vec3(-15, -15, -15), new Vec3(15, 15, 15), 1, 1, 1);
        float[] inside = new float[grid.voxelCount()];
        for (int i = 0; i < inside.length; i++) {
            inside[i] = grid.centre(i).norm() <= 10 ? 1f : 0f;
        }
        List<RoiMask> rois = List.of(new RoiMask("GTV", StructureType.GTV, new Mask("GTV", grid, inside)));
        FastDoseEngine engine = new FastDoseEngine(new Tg43Kernel(model, DoseModel.LINE_2D));
        DecayIntegral time = DecayIntegral.permanent(model.halfLifeDays());
        // the plan screen's seeds: the intent's strength (what the planner and the edit session dose with)
        List<Seed> planScreen = new ArrayList<>();
        centres.forEach(p -> planScreen.add(new Seed(p, Vec3.UNIT_Z, f.intent().seed().skU())));
        DoseGrid planDose = engine.dose(planScreen, grid, time);
        double planD90 = new DoseMetricsCalculator(rois, grid, 120).compute(planDose).structures().get(0).dPctGy().get("90");
        List<FoundSeed> found = centres.stream().map(p -> new FoundSeed(p, Vec3.UNIT_Z, 1.0, 1)).toList();
        Verification v = new ImplantVerifier(engine, time, new SeedMatcher()).verify(PostImplantCheck.plannedSeeds(c), found, rois, rois, grid, 120);
        double preD90 = v.pre().structures().get(0).dPctGy().get("90");
        assertThat(preD90 / planD90 - 1).isCloseTo(0, within(1e-9));
        // and not the undecayed certificate strength's D90 (8.5 % higher); 1e-4: the DVH's D90 is read between dose bins, so it
        // scales with the strength only to about 3e-5
        List<Seed> undecayed = centres.stream().map(p -> new Seed(p, Vec3.UNIT_Z, c.strengthU())).toList();
        double wrongD90 = new DoseMetricsCalculator(rois, grid, 120).compute(engine.dose(undecayed, grid, time)).structures().get(0).dPctGy().get("90");
        assertThat(wrongD90 / preD90).isCloseTo(Math.exp(Math.log(2) * 7 / T_HALF_DAYS), within(1e-4));
    }

    @Test
    void theNeedleTableAndThePrintoutShowEachStrengthWithItsDate() throws Exception {
        PlanContent c = new PlanContent("{}", "1.2.3", 120.0, "amersham6711", 0.76, LocalDate.parse("2026-11-26"), LocalDate.parse("2026-12-03"),
                List.of(new PlanContent.Needle(new Vec3(0, -40, 0), new Vec3(0, 10, 0))),
                List.of(new PlanContent.PlannedSeed(new Vec3(0, 0, 0), 0), new PlanContent.PlannedSeed(new Vec3(0, 5, 0), 0)), null);
        PlanRevisions.Revision r = new PlanRevisions.Revision(1, 1, "Liver S7", 1, 1, 1, PlanRevisions.Status.APPROVED, c, c.checksum(1, 1), 1L,
                Instant.parse("2026-11-20T10:00:00Z"), 2L, "Dr physicist", Instant.parse("2026-11-21T10:00:00Z"), "approved for treatment");
        PatientData patient = new PatientData(1, "P-1", "DOE", "Jane", "F", LocalDate.parse("1960-01-01"), null, null, null, null, null, null, null,
                null, null, null, null, null);
        double atImplant = 0.76 * Math.exp(-Math.log(2) * 7 / T_HALF_DAYS);
        String both = String.format(java.util.Locale.ROOT, "S_K 0.7600 U per seed on 2026-11-26 (calibration), %.4f U on 2026-12-03 (implant)", atImplant);
        assertThat(text(new PlanPrintout().render(r, patient, "Centre A"))).contains(both);
        assertThat(text(new NeedleTablePdf().render(r, patient, "Centre A"))).contains(both).contains("1.520 U").contains("in all on 2026-11-26 (calibration)");
    }

    @Test
    void anImplantMoreThanThirtyDaysBeforeCalibrationOrADateAloneIsRefusedNamingTheField() {
        LocalDate cal = LocalDate.parse("2026-11-26");
        assertThatThrownBy(() -> RevisionStrength.checkDates(cal, cal.minusDays(31), "")).hasMessageStartingWith("implantDate 2026-10-26");
        assertThatThrownBy(() -> RevisionStrength.checkDates(cal, null, "")).hasMessageContaining("calibrationDate and implantDate go together");
        // by design an implant a few days before the certificate's date is allowed (the strength then grows back: factor > 1)
        RevisionStrength.checkDates(cal, cal.minusDays(3), "");
        PlanContent early = new PlanContent(null, null, 120.0, "amersham6711", 0.76, cal, cal.minusDays(3), List.of(), List.of(), null);
        assertThat(RevisionStrength.atImplantU(early)).isCloseTo(0.76 * Math.exp(Math.log(2) * 3 / T_HALF_DAYS), within(1e-12));
    }

    private static String text(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}
