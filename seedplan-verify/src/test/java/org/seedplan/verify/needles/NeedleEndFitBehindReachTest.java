package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * A flat needle whose metal run went on past its tip (4580 needle 6's kind, docs/needles.md, twenty-seventh round, branch
 * {@code needledeep9}): 5.8° out of 5 mm Gaussian slices, clipped at 3071 HU, its tip at a slice centre, and a strand of four
 * seeds end to end one slice up, straight above its last 10 mm and on 10 mm beyond its tip (whose partial volume shows in the
 * needle's own slice). Its end fitted from 8.7 mm beyond the true tip, where 4580 needle 6's run ended.
 */
class NeedleEndFitBehindReachTest {

    private static final Vec3 TIP = new Vec3(0, 0, 0);
    /** How far beyond the tip the run ended (4580 needle 6), mm. */
    private static final double OVERSHOOT_MM = 8.7;

    private static SimulatedNeedle needle() {
        Vec3 axis = new Vec3(0.0245, 1, Math.tan(Math.toRadians(5.8))).normalized();
        return new SimulatedNeedle(TIP.minus(axis.times(60)), TIP, new Vec3(1, 0, 0), 0);
    }

    /** 4580's scanner without streaks; slice centres at z = 0 ± 5k mm, so the tip lies at a slice centre. */
    private static Volume scan(boolean seeds) {
        SimulatedNeedle n = needle();
        Vec3 axis = n.axisAtTip(10);
        Vec3 e1 = SimulatedNeedle.perpendicular(axis);
        Vec3 up = axis.cross(e1).times(-1);
        List<IntraOpCtGenerator.ImplantedSeed> strand = new ArrayList<>();
        for (double along : new double[] {-7.8, -2.8, 2.2, 7.2}) {
            // 4580's strand: 4.1–4.3 mm above the needle's line across the axis (the next slice), 0.8 mm to its side.
            strand.add(new IntraOpCtGenerator.ImplantedSeed(TIP.plus(axis.times(along)).plus(up.times(4.2)).plus(e1.times(-0.8)), axis));
        }
        Grid grid = new Grid(new Vec3(-30.1, -70.2, -15), 0.75, 0.75, 5.0, 80, 120, 8);
        IntraOpScanner scanner = new IntraOpScanner(1.04, IntraOpScanner.SliceProfile.GAUSSIAN, 16, 0, 3071);
        return new IntraOpCtGenerator(scanner).render(grid, List.of(n), seeds ? strand : List.of(), 7);
    }

    /** The tip's error along the axis, mm (+ deeper), with the end fitted from {@code fromMm} beyond the true tip. */
    private static double depthError(Volume ct, double fromMm) {
        Vec3 axis = needle().axisAtTip(10);
        // The scan's profile as the finder gives it on thick slices: 4580's median of the ends' fits (in-plane σ, box, slice σ).
        double[] profile = {0.59, 2.58, 1.98};
        NeedleEndFit fit = NeedleEndFit.of(ct, TIP.plus(axis.times(fromMm)), axis, 3071, 60 + fromMm, NeedleEndFit.BEVELS_MM, profile);
        assertThat(fit).as("fit").isNotNull();
        return fit.tipOffsetMm(NeedleEndFit.USUAL_BEVEL) + fromMm;
    }

    @Test
    void aRunGoneOnPastTheTipOntoSeedsStillFindsTheTip() {
        // Tolerance 0.5 mm along the axis: half the 1 mm; the strand's partial volume beyond the tip still pulls the end a
        // third of a mm deeper on 4580 (needle 6 0.33 mm deep after), where the start commit read it 1.82 mm deep.
        assertThat(Math.abs(depthError(scan(true), OVERSHOOT_MM))).as("tip along the axis, run 8.7 mm past it, mm").isLessThanOrEqualTo(0.5);
    }

    @Test
    void theSameNeedleWithoutTheStrandFromItsUsualStart() {
        // The control: the run ending 1.5 mm short of the tip (as metal runs do), no strand: the other end-fit tests' 0.3 mm.
        assertThat(Math.abs(depthError(scan(false), -1.5))).as("tip along the axis, no strand, mm").isLessThanOrEqualTo(0.3);
    }
}
