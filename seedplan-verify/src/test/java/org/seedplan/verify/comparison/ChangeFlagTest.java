package org.seedplan.verify.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The marking rule on its boundaries, with Rx 100 Gy (5 % of Rx = 5 Gy) and the V100 goal 95 %: exactly at a limit is
 * marked, 0.01 short of it is not (values chosen exactly representable in binary, so the boundary is the rule's, not rounding's).
 */
class ChangeFlagTest {

    private static final double RX = 100;
    private static final double GOAL = 95;

    @Test
    void aHalfGrayD90LossWithTheTargetStillCoveredIsNotMarked() {
        assertThat(ChangeFlag.of("d_pct_gy.90", true, 135.25, 134.75, RX, GOAL)).isEqualTo(ChangeFlag.NONE);
    }

    @Test
    void aD90LossOfFivePercentOfRxIsWorseAndJustUnderItIsNot() {
        assertThat(ChangeFlag.of("d_pct_gy.90", true, 135.0, 130.0, RX, GOAL)).isEqualTo(ChangeFlag.WORSE);
        assertThat(ChangeFlag.of("d_pct_gy.90", true, 135.0, 130.01, RX, GOAL)).isEqualTo(ChangeFlag.NONE);
    }

    @Test
    void aD90BelowThePrescriptionIsGoalNotMetWhateverTheChange() {
        assertThat(ChangeFlag.of("d_pct_gy.90", true, 99.5, 99.99, RX, GOAL)).isEqualTo(ChangeFlag.GOAL_NOT_MET);
        assertThat(ChangeFlag.of("d_pct_gy.90", true, 104.0, 100.0, RX, GOAL)).isEqualTo(ChangeFlag.NONE);
    }

    @Test
    void v100IsMarkedBelowItsGoalAndForALossOfFivePoints() {
        assertThat(ChangeFlag.of("v_pct.100", true, 99.0, 94.99, RX, GOAL)).isEqualTo(ChangeFlag.GOAL_NOT_MET);
        assertThat(ChangeFlag.of("v_pct.100", true, 100.0, 95.0, RX, GOAL)).isEqualTo(ChangeFlag.WORSE);
        assertThat(ChangeFlag.of("v_pct.100", true, 100.0, 95.01, RX, GOAL)).isEqualTo(ChangeFlag.NONE);
    }

    @Test
    void anOrganDoseRiseOfFivePercentOfRxIsWorseAndAFallNever() {
        assertThat(ChangeFlag.of("d_cc_gy.2", false, 40.0, 45.0, RX, GOAL)).isEqualTo(ChangeFlag.WORSE);
        assertThat(ChangeFlag.of("dmax_gy", false, 40.0, 44.99, RX, GOAL)).isEqualTo(ChangeFlag.NONE);
        assertThat(ChangeFlag.of("dmax_gy", false, 60.0, 20.0, RX, GOAL)).isEqualTo(ChangeFlag.NONE);
    }

    @Test
    void aMissingValueIsNeverMarked() {
        assertThat(ChangeFlag.of("d_pct_gy.90", true, 135.0, null, RX, GOAL)).isEqualTo(ChangeFlag.NONE);
        assertThat(ChangeFlag.of("d_pct_gy.90", true, null, 120.0, RX, GOAL)).isEqualTo(ChangeFlag.NONE);
    }
}
