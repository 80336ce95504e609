package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * A needle's tip part in the next slice joined to the run of the needle below it in the same template column
 * ({@code NeedleFinder.pieces}, {@code steelUnderPiece}): docs/needles.md, fortieth round, branch {@code needlemiss22}. 5521
 * (the thirty-ninth round's fresh 5 mm draw 5509, scan 13, seen since; box, 12-bit): needle 2 lies just under the boundary z 0
 * at its tip and rises into the slice at +2.5, so its last 24 mm are a run of their own in the slice at −2.5; needle 6, 8.8 mm
 * below it in the same column, is a run of 131 mm in the slice at −7.5 ending at its own tip. The tip part has a strand's
 * geometry beside needle 6's tip end, 0.06 mm from it across, and was joined to needle 6's run (the first pair the joining
 * reads): needle 6 was missed and a 141.8 mm false needle reported at needle 2's tip. Needle 6's run holds its full steel under
 * the tip part (its voxels there 1.06 times its mean elsewhere), needle 2's hub part fades there (0.42): a needle going on in
 * the next slice leaves its own slice where it enters the next.
 */
class NeedleFinderColumnTipPartTest {

    private static final Grid GRID = NeedleFinderThickSliceTest.drawnGrid(5);
    private static final Vec3 TIP = new Vec3(7.91, -28.85, -7.5);
    private static final Vec3 HUB = new Vec3(11.72, -160.10, -7.5);

    @Test
    void needle6IsFoundOn5521WithNoFalseNeedle() {
        // The scan drawn whole as the generalisation run draws it. Before: needle 6 missed, one false needle (141.8 mm, needle 6's
        // run with needle 2's tip part). Now none missed, none false; needle 6 lies in a 5 mm box slice's blind band (z -8.98 at
        // the tip, 1.0° out of the plane): its tip is read 1.50 mm off along z and stated ±2.51 along z, so the bound is the
        // statement (the honest statement), and its axis within the 2° (1.00°).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(5521, 12);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        SimulatedNeedle t = IntraOpScenario.generate(GRID, 5521).placed().get(5);
        NeedleMatch match = m.matches().stream().filter(x -> x.planned() == 5).findFirst().orElseThrow();
        FoundNeedle f = m.found().get(match.found());
        double tip = f.tipMm().distanceTo(t.tipMm());
        System.out.printf(java.util.Locale.ROOT, "needle 6: tip %.2f mm (z %+.2f, stated ±%.2f), axis %.2f°%n", tip,
                f.tipMm().z() - t.tipMm().z(), f.tipZUncertaintyMm(),
                NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM)));
        assertThat(tip).as("tip of needle 6 against its statement").isLessThanOrEqualTo(
                Math.max(NeedleFinderAcceptanceTest.TIP_TARGET_MM, f.tipZUncertaintyMm()));
        assertThat(NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM))).as("axis of needle 6")
                .isLessThanOrEqualTo(NeedleFinder.AXIS_FIGURE_DEG);
    }

    @Test
    void aPieceOverARunsFullSteelGoesToTheRunThatFadesUnderIt() {
        // 5521's geometry as voxel centres (exact, no noise): the lower run (needle 6) 131 mm in the slice at -7.5, every voxel
        // of one weight; the piece (needle 2's tip part) 24 mm in the slice at -2.5 straight above the lower run's last 15 mm and
        // 9 mm beyond its end; the upper run (needle 2's hub part) in the slice at +2.5 from 2.3 mm behind the lower run's end,
        // its voxels under the piece at 0.4 of its others. The lower run reads 1.00 under the piece, the upper 0.40 (bound
        // 0.85): the piece goes to the upper run and the lower stays as it is. Before: the piece joined to the lower run, the
        // first pair met.
        NeedleFinder.Run lower = run(line(TIP.y(), HUB.y(), -7.5), 1.0, -43.85);
        NeedleFinder.Run upper = run(line(-31.1, HUB.y(), 2.5), 0.4, -43.85);
        NeedleFinder.Run piece = run(line(-19.85, -43.85, -2.5), 1.0, -43.85);
        List<NeedleFinder.Run> out = NeedleFinder.joinCollinear(tissue(), List.of(lower, piece, upper), 5);
        assertThat(out).hasSize(2).contains(lower);
        assertThat(out).anyMatch(r -> r.points().length == upper.points().length + piece.points().length);
    }

    @Test
    void aPieceNoOtherRunTakesIsJoinedAsBefore() {
        // The lower run and the piece alone (5267's seeds over its two needles' run are of this kind: no other run takes them):
        // joined as before, whatever the lower run reads under it.
        NeedleFinder.Run lower = run(line(TIP.y(), HUB.y(), -7.5), 1.0, -43.85);
        NeedleFinder.Run piece = run(line(-19.85, -43.85, -2.5), 1.0, -43.85);
        assertThat(NeedleFinder.joinCollinear(tissue(), List.of(lower, piece), 5)).hasSize(1);
    }

    private static Volume tissue() {
        float[] hu = new float[GRID.nx() * GRID.ny() * GRID.nz()];
        java.util.Arrays.fill(hu, 40f);
        return new Volume(GRID, hu, 5);
    }

    private static List<Vec3> line(double from, double to, double z) {
        List<Vec3> out = new ArrayList<>();
        for (double y = from; y >= to; y -= 0.75) {
            double f = (y - TIP.y()) / (HUB.y() - TIP.y());
            double x = TIP.x() + (HUB.x() - TIP.x()) * f;
            for (double dx = -0.75; dx <= 0.75; dx += 0.75) {
                out.add(new Vec3(x + dx, y, z));
            }
        }
        return out;
    }

    /** A run of these voxel centres, weight 1 300, {@code under} times that from y {@code untilY} on towards the tip. */
    private static NeedleFinder.Run run(List<Vec3> points, double under, double untilY) {
        Vec3[] p = points.toArray(new Vec3[0]);
        double[] w = new double[p.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = p[k].y() >= untilY ? 1300 * under : 1300;
        }
        Vec3 hint = p[p.length - 1].minus(p[0]).normalized();
        SpaceCurve c = NeedleFinder.refit(p, w, hint, 0);
        c = NeedleFinder.refit(p, w, c.axis(), 1);
        return new NeedleFinder.Run(p, w, c);
    }
}
