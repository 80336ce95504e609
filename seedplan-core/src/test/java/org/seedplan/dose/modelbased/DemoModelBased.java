package org.seedplan.dose.modelbased;

import java.util.List;
import org.seedplan.cases.CaseRois;
import org.seedplan.cases.DerivedStructure;
import org.seedplan.cases.PatientCase;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.Seed;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * The demo patient for the model-based tests: its CT, GTV, CTV (GTV + 5 mm) and stomach on a 2 mm dose grid over the
 * CTV and the stomach plus 10 mm (the spinal cord and the body lie beyond it), and its fixed implant.
 */
record DemoModelBased(Grid grid, Volume ct, List<Structure> structures, List<Seed> seeds, DoseMetricsCalculator calculator) {

    static final SourceModel SOURCE = SourceLibrary.builtIn().model(SourceLibrary.DEFAULT_KEY);
    static final DecayIntegral PERMANENT = DecayIntegral.permanent(DecayIntegral.I125_HALF_LIFE_DAYS);

    static DemoModelBased onTwoMillimetreGrid() {
        DemoPatient demo = new DemoPatient();
        Grid grid = Grid.covering(new Vec3(-76, -34, -27), new Vec3(10, 29, 27), 2, 2, 2);
        List<Structure> drawn = demo.structures().stream()
                .filter(s -> s.name().equals("GTV") || s.name().equals("Stomach")).toList();
        PatientCase c = new PatientCase(DemoPatient.NAME, grid, drawn,
                List.of(DerivedStructure.expand("CTV", StructureType.CTV, "GTV", DemoPatient.CTV_MARGIN_MM)), DemoPatient.PRESCRIPTION_GY,
                SOURCE.key(), DecayIntegral.I125_HALF_LIFE_DAYS, DemoPatient.SEED_STRENGTH, demo.implant());
        return new DemoModelBased(grid, demo.ct(), drawn, demo.implant(),
                new DoseMetricsCalculator(CaseRois.of(c), grid, DemoPatient.PRESCRIPTION_GY));
    }

    /**
     * An implant as dense as a prostate implant's (about one seed per cc): seeds on A–P needles 10 mm apart, 10 mm apart
     * along each needle and staggered by 5 mm between neighbouring needles, wherever they lie inside the CTV.
     */
    List<Seed> denseImplant() {
        List<Seed> out = new java.util.ArrayList<>();
        Vec3 gtv = new Vec3(-45, 0, 0);
        double[] semi = {21, 19, 17};
        for (int a = -2; a <= 2; a++) {
            for (int c = -2; c <= 2; c++) {
                double stagger = Math.floorMod(a + c, 2) * 5.0;
                for (double y = -20 + stagger; y <= 20; y += 10) {
                    double x = 10 * a;
                    double z = 10 * c;
                    if (x * x / (semi[0] * semi[0]) + y * y / (semi[1] * semi[1]) + z * z / (semi[2] * semi[2]) <= 1) {
                        out.add(new Seed(gtv.plus(new Vec3(x, y, z)), new Vec3(0, 1, 0), seeds.get(0).skU()));
                    }
                }
            }
        }
        return out;
    }
}
