package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/** What the needle finder must not take for a needle, and a needle in lung-like surroundings. */
class NeedleFinderTest {

    private static final Grid GRID = new Grid(new Vec3(-96, -96, -30), 0.75, 0.75, 2.5, 256, 256, 25);

    @Test
    void aStrandOfSeedsInTissueIsNoNeedle() {
        // Six seeds end to end every 5 mm along y (a 30 mm line of metal wholly inside the body), plus ribs and a vertebra.
        List<IntraOpCtGenerator.ImplantedSeed> strand = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            strand.add(new IntraOpCtGenerator.ImplantedSeed(new Vec3(5, -30 + 5 * s, 0), new Vec3(0, 1, 0)));
        }
        Volume ct = new IntraOpCtGenerator(IntraOpScanner.clinical12Bit()).render(GRID, List.of(), strand, 3);
        NeedleFinding f = new NeedleFinder().find(ct);
        assertThat(f.needles()).isEmpty();
        assertThat(f.shortMetalObjects()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aNeedleFromAirIsFoundWithItsTipAtTheDeepEnd() {
        SimulatedNeedle n = new SimulatedNeedle(new Vec3(-10, -95, 2), new Vec3(-4, -20, 4), new Vec3(1, 0, 0), 1.0);
        Volume ct = new IntraOpCtGenerator(IntraOpScanner.clinical12Bit()).render(GRID, List.of(n), List.of(), 4);
        NeedleFinding f = new NeedleFinder().find(ct);
        assertThat(f.needles()).hasSize(1);
        FoundNeedle found = f.needles().get(0);
        assertThat(found.tipCertain()).isTrue();
        // Issue 15: tip within 1 mm, axis within 2°.
        assertThat(found.tipMm().distanceTo(n.tipMm())).isLessThanOrEqualTo(1.0);
        assertThat(NeedleMatcher.angleDeg(found.axisAtTip(), n.axisAtTip(NeedleFinder.AXIS_CHORD_MM))).isLessThanOrEqualTo(2.0);
        assertThat(found.hubSideEndMm().y()).isLessThan(found.tipMm().y());
    }
}
