package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 6702's three resin beads (radius 0.03 cm at z = −0.11, 0, 0.11 cm): chords by hand, emission uniform in volume. */
class BeadChainTest {

    private static final BeadChain BEADS = new BeadChain(0.03, List.of(-0.11, 0.0, 0.11));

    @Test
    void rayAlongTheAxisLeavesItsBeadAtTheRadiusAndEntersTheNextAcrossTheGap() {
        assertThat(BEADS.exitDistance(0, 0, 0, 0, 0, 1)).isCloseTo(0.03, within(1e-12));
        assertThat(BEADS.entryDistance(0, 0, 0.03, 0, 0, 1)).isCloseTo(0.05, within(1e-12));
        assertThat(BEADS.exitDistance(0, 0, 0.11, 0, 0, -1)).isCloseTo(0.03, within(1e-12));
    }

    @Test
    void sidewaysRayThroughABeadCentreCrossesItsDiameterAndMissesTheOthers() {
        assertThat(BEADS.entryDistance(-0.1, 0, -0.11, 1, 0, 0)).isCloseTo(0.07, within(1e-12));
        assertThat(BEADS.exitDistance(-0.03, 0, -0.11, 1, 0, 0)).isCloseTo(0.06, within(1e-12));
        assertThat(BEADS.entryDistance(-0.1, 0, 0.055, 1, 0, 0)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void rayLeavingABeadFromItsSurfaceIsNotCountedAsEnteringIt() {
        assertThat(BEADS.entryDistance(0.03, 0, 0, 1, 0, 0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(BEADS.exitDistance(0.0, 0.0, 0.055, 1, 0, 0)).isZero();
    }

    /** 300 000 points: a third per bead and 1/8 of a bead's points within half its radius, each ±4σ of the binomial. */
    @Test
    void emissionIsUniformInTheBeadsVolumeAndSharedEquallyByTheBeads() {
        SplittableRandom rng = new SplittableRandom(5);
        Photon p = new Photon();
        int n = 300_000;
        int[] perBead = new int[3];
        int inner = 0;
        for (int i = 0; i < n; i++) {
            BEADS.placeUniformly(p, rng);
            int bead = (int) Math.round(p.z / 0.11) + 1;
            perBead[bead]++;
            double dz = p.z - (bead - 1) * 0.11;
            double r = Math.sqrt(p.x * p.x + p.y * p.y + dz * dz);
            assertThat(r).isLessThanOrEqualTo(0.03 + 1e-12);
            if (r < 0.015) {
                inner++;
            }
        }
        for (int b = 0; b < 3; b++) {
            assertThat((double) perBead[b] / n).isCloseTo(1.0 / 3, within(4 * Math.sqrt(2.0 / 9 / n)));
        }
        assertThat((double) inner / n).isCloseTo(1.0 / 8, within(4 * Math.sqrt(7.0 / 64 / n)));
    }
}
