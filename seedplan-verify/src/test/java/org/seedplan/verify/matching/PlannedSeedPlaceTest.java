package org.seedplan.verify.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/** Seeds are numbered per needle from its tip, whatever order the plan lists them in; loose seeds have no needle. */
class PlannedSeedPlaceTest {

    @Test
    void seedsAreCountedFromTheirNeedlesTipInAnyListOrder() {
        List<Vec3> tips = List.of(new Vec3(0, 10, 0), new Vec3(5, 10, 0));
        List<Vec3> seeds = List.of(new Vec3(0, -10, 0), new Vec3(5, 5, 0), new Vec3(0, 5, 0), new Vec3(0, -2.5, 0), new Vec3(20, 0, 0));
        List<PlannedSeedPlace> p = PlannedSeedPlace.of(seeds, List.of(0, 1, 0, 0, -1), tips);
        assertThat(p).containsExactly(new PlannedSeedPlace(1, 3), new PlannedSeedPlace(2, 1), new PlannedSeedPlace(1, 1),
                new PlannedSeedPlace(1, 2), PlannedSeedPlace.LOOSE);
        assertThat(p.get(0).describe()).isEqualTo("needle 1, seed 3 from the tip");
        assertThat(p.get(4).describe()).isEqualTo("no needle");
    }

    @Test
    void seedsOfAnRtPlanChannelAreCountedInTheirListedOrder() {
        assertThat(PlannedSeedPlace.inListedOrder(List.of(1, 1, 2, 1, 0, 2))).containsExactly(new PlannedSeedPlace(1, 1),
                new PlannedSeedPlace(1, 2), new PlannedSeedPlace(2, 1), new PlannedSeedPlace(1, 3), PlannedSeedPlace.LOOSE, new PlannedSeedPlace(2, 2));
    }

    @Test
    void aNeedleIndexBeyondTheNeedlesIsRefused() {
        assertThatThrownBy(() -> PlannedSeedPlace.of(List.of(Vec3.ZERO), List.of(2), List.of(Vec3.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needle index 2 of 1");
    }
}
