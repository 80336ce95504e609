package org.seedplan.verify.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;
import org.seedplan.structure.Mask;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.seedfinder.FoundSeed;

/**
 * The targets' cold regions are listed in the plan's order of its structures, the same from one run to the next: the
 * terminal, report.pdf, verification.json and the workstation all iterate {@link Verification#coldRegions()}.
 */
class ColdRegionOrderTest {

    private static final Grid GRID = Grid.covering(new Vec3(-15, -15, -15), new Vec3(15, 15, 15), 1, 1, 1);
    private static final List<Seed> PLANNED = List.of(new Seed(new Vec3(0, 0, 0), Vec3.UNIT_Z, 0.5));
    private static final List<FoundSeed> FOUND = List.of(new FoundSeed(new Vec3(0.5, 0, 0), Vec3.UNIT_Z, 1, 1));

    /** A cube of half side {@code halfMm} about the seed: one seed cannot give it 145 Gy at its corners, so each target is cold. */
    private static RoiMask cube(String name, StructureType type, double halfMm) {
        float[] f = new float[GRID.voxelCount()];
        for (int v = 0; v < f.length; v++) {
            Vec3 c = GRID.centre(v);
            f[v] = Math.max(Math.abs(c.x()), Math.max(Math.abs(c.y()), Math.abs(c.z()))) <= halfMm ? 1 : 0;
        }
        return RoiMask.of(new Mask(name, GRID, f), type);
    }

    private static Verification verify(List<RoiMask> pre, List<RoiMask> post) {
        Tg43Kernel kernel = new Tg43Kernel(SourceLibrary.builtIn().model(SourceLibrary.DEFAULT_KEY), DoseModel.LINE_2D);
        return new ImplantVerifier(new FastDoseEngine(kernel), DecayIntegral.permanent(DecayIntegral.I125_HALF_LIFE_DAYS),
                new SeedMatcher(5)).verify(PLANNED, FOUND, pre, post, GRID, 145);
    }

    @Test
    void targetsAreListedAsThePlanListsThemWhateverOrderThePostOpContoursHave() {
        RoiMask gtv = cube("GTV", StructureType.GTV, 6);
        RoiMask ctv = cube("CTV", StructureType.CTV, 10);
        RoiMask cord = cube("SpinalCord", StructureType.ORGAN, 3);
        RoiMask gtvPostOnly = cube("GTV_postop", StructureType.GTV, 4);
        // The plan lists GTV then CTV; the post-op structure set lists them the other way round and adds a target of its own.
        Verification a = verify(List.of(gtv, cord, ctv), List.of(gtvPostOnly, ctv, cord, gtv));
        assertThat(a.coldRegions().keySet()).containsExactly("GTV", "CTV", "GTV_postop");
        // The other plan order gives the other order: it is the plan's, not a hash order that happens to be stable.
        Verification b = verify(List.of(ctv, cord, gtv), List.of(gtv, ctv, cord));
        assertThat(b.coldRegions().keySet()).containsExactly("CTV", "GTV");
        // Each target is cold at its corners, so the order is of lists that are there (not of empty keys).
        assertThat(a.coldRegions().values()).allSatisfy(list -> assertThat(list).isNotEmpty());
        // The same input twice: the same targets in the same order, each with the same regions in the same order.
        Verification again = verify(List.of(gtv, cord, ctv), List.of(gtvPostOnly, ctv, cord, gtv));
        assertThat(again.coldRegions().keySet()).containsExactlyElementsOf(a.coldRegions().keySet());
        a.coldRegions().forEach((name, regions) -> assertThat(again.coldRegions().get(name)).containsExactlyElementsOf(regions));
    }
}
