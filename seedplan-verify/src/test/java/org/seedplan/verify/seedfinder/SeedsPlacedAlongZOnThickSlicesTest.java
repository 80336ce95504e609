package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * A lone seed whose object lies in one 5 mm Gaussian slice, fitted flat 1.6-2.7 mm off the slice's centre on a poorly explained
 * image: counted, but placed in the neighbouring slice's half, a miss and a false seed with no self-check line before the twentieth
 * round. Where the object's metal in the slices beside it leans the other way the seed goes to the slice's centre; where it shows
 * neither side the seed is named (SEED PLACE ALONG Z UNSURE) ({@link SliceCentring#unsupportedInOneSlice},
 * {@link SliceCentring#unsureAlongZ}; docs/seed-finder.md, twentieth round). Scans of the independent bench from the tuning data,
 * with its generator's truth; scored with the 2.5 mm gate.
 */
class SeedsPlacedAlongZOnThickSlicesTest {

    @Test
    void aSeedWhoseSlicesMetalLeansAwayFromTheFitIsFoundAtItsSlicesCentre() {
        // All-implant 2116 (5 mm Gaussian 12-bit): a seed touching bone 0.57 mm below its slice's centre, fitted 2.70 mm below it
        // (1.55 mm off in-plane, explained 0.34); the slice above holds 0.30 seeds' metal, the slice below 0.13.
        SimulatedPostOpScan s = IndependentScanMatrix.allImplants(2116, 16);
        assertThat(IndependentScanMatrix.label(16)).isEqualTo("5.0 mm GAUSSIAN CLIPPED_12_BIT");
        SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
        int seed = index(s, new Vec3(-10.63, 31.74, 6.93));
        assertThat(m.missingPlanned()).as("the seed at %s missed", s.seeds().get(seed).centreMm()).doesNotContain(seed);
    }

    @Test
    void aSeedWhoseSlicesMetalShowsNeitherSideIsNamedAtItsPlace() {
        // 14434 (5 mm Gaussian 12-bit): a flat needle seed 2.11 mm below its slice's centre, fitted 1.62 mm above it (explained
        // 0.51): 3.7 mm off along z, still a miss; its object's metal 0.05 / 0.64 / 0.10 seeds below / in / above the slice, where
        // the fitted place predicts 0.32 of a seed above and the true one 0.42 below. The line must name the listed seed and reach
        // the true one: within the match gate in-plane, and along z within the distance the line states (off + half a slice).
        SimulatedPostOpScan s = IndependentScanMatrix.scan(14434, 34);
        assertThat(IndependentScanMatrix.label(34)).isEqualTo("5.0 mm GAUSSIAN CLIPPED_12_BIT");
        SeedFinding f = new SeedFinder().find(s.ct());
        Vec3 t = s.seeds().get(index(s, new Vec3(-31.94, -7.19, 5.39))).centreMm();
        List<Vec3> named = f.selfCheck().stream().filter(l -> l.startsWith("SEED PLACE ALONG Z UNSURE"))
                .map(BundlesOnClippedScansTest::near).toList();
        assertThat(named).as("SEED PLACE ALONG Z UNSURE lines in %s", f.selfCheck()).anySatisfy(at -> {
            assertThat(Math.hypot(at.x() - t.x(), at.y() - t.y())).isLessThan(IndependentScanMatrix.MATCH_GATE_MM);
            assertThat(Math.abs(at.z() - t.z())).isLessThan(Math.abs(at.z() - 7.5) + 2.5);
        });
    }

    private static int index(SimulatedPostOpScan s, Vec3 at) {
        return java.util.stream.IntStream.range(0, s.seeds().size()).filter(i -> s.seeds().get(i).centreMm().minus(at).norm() < 0.15)
                .findFirst().orElseThrow();
    }
}
