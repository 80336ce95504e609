package org.seedplan.verify.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

class SeedMatcherTest {

    @Test
    void optimalPairingBeatsGreedyNearestNeighbour() {
        // Greedy would pair found (0.9,0,0) with planned (0,0,0) first (0.9 mm) and leave planned (2,0,0)
        // 3.1 mm from found (-1.1,0,0); the optimum pairs crosswise with total 1.1 + 1.1 = 2.2 mm < 0.9 + 3.1 = 4.0 mm.
        List<Vec3> planned = List.of(new Vec3(0, 0, 0), new Vec3(2, 0, 0));
        List<Vec3> found = List.of(new Vec3(0.9, 0, 0), new Vec3(-1.1, 0, 0));
        SeedMatching m = new SeedMatcher().match(planned, found);
        assertThat(m.matches()).hasSize(2);
        assertThat(m.matches().stream().mapToDouble(SeedMatch::distanceMm).sum()).isCloseTo(2.2, within(1e-12));
        assertThat(m.meanDisplacementMm()).isCloseTo(1.1, within(1e-12));
    }

    @Test
    void seedsBeyondTheGateAreMissingAndExtra() {
        List<Vec3> planned = List.of(new Vec3(0, 0, 0), new Vec3(10, 0, 0), new Vec3(20, 0, 0));
        // The third seed migrated 80 mm (to the lung, say); one found seed was never planned.
        List<Vec3> found = List.of(new Vec3(0.5, 0, 0), new Vec3(10, 1, 0), new Vec3(20, 80, 0));
        SeedMatching m = new SeedMatcher(10).match(planned, found);
        assertThat(m.matches()).hasSize(2);
        assertThat(m.missingPlanned()).containsExactly(2);
        assertThat(m.extraFound()).containsExactly(2);
        assertThat(m.maxDisplacementMm()).isCloseTo(1.0, within(1e-12));
        SeedMatch first = m.matches().stream().filter(x -> x.planned() == 0).findFirst().orElseThrow();
        assertThat(first.displacementMm()).isEqualTo(new Vec3(0.5, 0, 0));
    }

    @Test
    void emptySidesGiveAllMissingOrAllExtra() {
        assertThat(new SeedMatcher().match(List.of(new Vec3(0, 0, 0)), List.of()).missingPlanned()).containsExactly(0);
        assertThat(new SeedMatcher().match(List.of(), List.of(new Vec3(0, 0, 0))).extraFound()).containsExactly(0);
    }
}
