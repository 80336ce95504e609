package org.seedplan.dose.modelbased;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.seedplan.cases.CaseRois;
import org.seedplan.cases.PatientCase;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.Seed;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.tissue.HuDensityCurve;
import org.seedplan.dose.tissue.StructureTissue;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SeedStrength;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * TG-43 against model-based dose (Dm,m) in two patients: the demo (a liver lesion, soft tissue and liver around
 * it) and a synthetic lung case (a 3 cm tumour in inflated lung inside a soft-tissue chest wall). The numbers are
 * printed for docs/model-based-dose.md; the assertions hold what the physics must give whatever the engine's
 * details: in the liver lesion Dm,m's D90 is lower than TG-43's, by less than 14 %. The bound is the product of what
 * lowers Dm,m below TG-43 in this GTV, each factor measured or computed apart: the engine's normalisation against the
 * consensus for one seed in water, 0.954 at 5–30 mm ({@link InterseedAttenuationTest}; Λ_MC is 3.4 % below the
 * consensus, docs/monte-carlo.md); interseed attenuation, 0.980 (same test; 2–5 % published); the GTV's tissue, CT
 * number 25 and no liver contour in the demo, so TG-186's default soft tissue (mean male soft tissue, Table III), whose
 * μen/ρ is 0.929 × water's at 27.5 keV, its linear attenuation about 0.99 × water's (about +0.5 % at 1 cm) — 0.954 × 0.980
 * × 0.929 × 1.005 = 0.873, −12.7 %; the rest, 1.3 %, is for the noise of 6·10⁵ photons (D90 1σ 0.5 %; noise widens the
 * DVH and lowers D90 by under 1 %) and the liver (μen/ρ 1.041 × water's) around the GTV. Measured: GTV −11.0 %, CTV
 * −3.6 % (issue 17 "tissue" session: the GTV one composition, mean male soft tissue; the CTV's margin one composition, liver;
 * −12.2 % and −4.3 % before it, when noise split the CTV's margin into liver and soft tissue and left 2 % of the GTV's edge
 * liver; −11.7 % and −4.9 % with ICRP soft tissue, −12.3 % before the "mc" session's RNG fix, −10.6 % before the 6711's
 * coating was a layer), and in the lung
 * the dose in the lung 5–15 mm outside the tumour is higher than TG-43's (inflated lung, a quarter of water's
 * density, attenuates less: +14 % at 1 cm and +36 % at 2 cm around one seed in homogeneous lung, see
 * {@link HomogeneousMediumDoseRatioTest}). Both runs stop at a fixed photon count (reproducible): 6·10⁵ photons, D90 to about ±0.5 % (1σ).
 */
class PatientModelBasedDoseTest {

    private static final MonteCarloSettings SETTINGS = new MonteCarloSettings(17, 2, 0, 600_000, 120);

    @Test
    void demoLiverLesionD90ModelBasedIsLowerThanTg43ByLessThanFourteenPercent() {
        DemoModelBased demo = DemoModelBased.onTwoMillimetreGrid();
        PatientModelBasedDose.Evaluation e = PatientModelBasedDose.evaluate(new PatientModelBasedDose.Request(demo.ct(), demo.structures(),
                List.of(), HuDensityCurve.standard(), DemoModelBased.SOURCE, demo.seeds(), DemoModelBased.PERMANENT, DoseSpecification.DM_M,
                SETTINGS), demo.grid(), demo.calculator(), f -> { }, () -> false);
        System.out.println("demo: " + e.describe());
        System.out.print(e.comparison().render());
        // the demo has no liver contour: its GTV and CTV lie in no organ of TG-186 Table III and each gets one composition, chosen
        // on the CT's noise-smoothed classes of its own voxels: the lesion (25 HU) soft tissue, the CTV's margin (liver, 60 HU) liver
        StructureTissue gtv = e.tissues().structure("GTV").orElseThrow();
        assertThat(gtv.basis()).startsWith("target in no Table III organ: default soft tissue, one composition");
        assertThat(gtv.fractionByMaterial()).containsOnlyKeys("mean-male-soft-tissue");
        StructureTissue ctv = e.tissues().structure("CTV").orElseThrow();
        assertThat(ctv.basis()).startsWith("target in no Table III organ: liver, one composition").endsWith("outside GTV)");
        // the CTV's voxels are its margin's liver and, inside, the GTV's soft tissue; measured 60 % and 40 %
        assertThat(ctv.fractionByMaterial()).containsOnlyKeys("liver", "mean-male-soft-tissue");
        assertThat(e.tissues().structure("Stomach").orElseThrow().basis()).isEqualTo(StructureTissue.BY_CT);
        assertThat(e.describe()).contains("GTV: mean-male-soft-tissue").contains("Stomach: ").contains("CTV: ");
        for (String target : List.of("GTV", "CTV")) {
            ModelBasedComparison.Row d90 = e.comparison().row(target, "D90");
            assertThat(d90.modelBased()).as(target + " D90 below TG-43 by more than 3σ").isLessThan(d90.tg43() - 3 * d90.modelBasedSigma());
            assertThat(d90.differencePct()).as(target + " D90 difference %").isGreaterThan(-14);
        }
        assertThat(e.modelBased().specification()).isEqualTo(DoseSpecification.DM_M);
    }

    @Test
    void lungCaseDoseInTheLungAroundTheTumourExceedsTg43() {
        Vec3 tumour = new Vec3(0, 0, 0);
        Grid ctGrid = new Grid(new Vec3(-99, -79, -59), 2, 2, 2, 100, 80, 60);
        float[] hu = new float[ctGrid.voxelCount()];
        for (int v = 0; v < hu.length; v++) {
            Vec3 p = ctGrid.centre(v);
            boolean body = sq(p.x() / 100) + sq(p.y() / 80) <= 1;
            boolean lung = sq(p.x() / 75) + sq(p.y() / 60) + sq(p.z() / 55) <= 1;
            hu[v] = p.distanceTo(tumour) <= 15 ? 20 : lung ? -800 : body ? 40 : -1000;
        }
        Volume ct = new Volume(ctGrid, hu);
        Structure gtv = sphere("GTV", tumour, 15);
        List<Seed> seeds = new ArrayList<>();
        for (int a = -1; a <= 1; a++) {
            for (int c = -1; c <= 1; c++) {
                for (double y = -10 + Math.floorMod(a + c, 2) * 5; y <= 10; y += 10) {
                    Vec3 p = new Vec3(8 * a, y, 8 * c);
                    if (p.norm() <= 12) {
                        seeds.add(new Seed(p, new Vec3(0, 1, 0), 0.5));
                    }
                }
            }
        }
        Grid grid = Grid.covering(new Vec3(-36, -36, -36), new Vec3(36, 36, 36), 2, 2, 2);
        PatientCase c = new PatientCase("LUNG^SYNTHETIC", grid, List.of(gtv), List.of(), 120, DemoModelBased.SOURCE.key(),
                DecayIntegral.I125_HALF_LIFE_DAYS, new SeedStrength(0.5, SeedStrength.Unit.U), seeds);
        List<RoiMask> rois = CaseRois.of(c);
        DoseMetricsCalculator calc = new DoseMetricsCalculator(rois, grid, 120);
        PatientModelBasedDose.Evaluation e = PatientModelBasedDose.evaluate(new PatientModelBasedDose.Request(ct, List.of(gtv),
                List.of(), HuDensityCurve.standard(),
                DemoModelBased.SOURCE, seeds, DemoModelBased.PERMANENT, DoseSpecification.DM_M, SETTINGS), grid, calc, f -> { }, () -> false);
        System.out.println("lung: " + seeds.size() + " seeds; " + e.describe());
        System.out.print(e.comparison().render());
        double mb = 0;
        double tg = 0;
        for (int v = 0; v < grid.voxelCount(); v++) {
            double r = grid.centre(v).distanceTo(tumour);
            if (r >= 20 && r <= 30) {
                mb += e.modelBased().dose().doseGy()[v];
                tg += e.tg43().doseGy()[v];
            }
        }
        System.out.printf(Locale.ROOT, "lung 5-15 mm outside the tumour: mean Dm,m / TG-43 = %.3f%n", mb / tg);
        assertThat(mb / tg).as("lung around the tumour, Dm,m / TG-43").isGreaterThan(1.02);
        assertThat(e.tissues().volumeCcByMaterial().get("lung-inflated")).isGreaterThan(100);
        // no lung contour here: the tumour lies in no Table III organ and is the default soft tissue, as TG-186 has a lung tumour
        assertThat(e.tissues().structure("GTV").orElseThrow().main()).isEqualTo("mean-male-soft-tissue");
    }

    private static Structure sphere(String name, Vec3 c, double r) {
        List<Contour> contours = new ArrayList<>();
        for (double z = -r + 1; z < r; z += 2) {
            double rr = Math.sqrt(r * r - z * z);
            double[] x = new double[64];
            double[] y = new double[64];
            for (int n = 0; n < 64; n++) {
                x[n] = c.x() + rr * Math.cos(2 * Math.PI * n / 64);
                y[n] = c.y() + rr * Math.sin(2 * Math.PI * n / 64);
            }
            contours.add(new Contour(c.z() + z, x, y));
        }
        return new Structure(name, StructureType.GTV, contours);
    }

    private static double sq(double v) {
        return v * v;
    }
}
