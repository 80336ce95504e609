package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * A flat needle's hub part crossed by a steep needle, left apart from its tip part ({@code NeedleFinder.joinCollinear}):
 * docs/needles.md, thirty-second round, branch {@code needlefalse14}. 4955 (the thirtieth round's fresh draw, scan 23 of the
 * 5 mm set 4933, seen since): needle 6, 1.2° out of the plane just under the boundary of two 5 mm Gaussian slices, was read as
 * its tip part (49.6 mm, one slice) and its hub part (64.8 mm, a staircase of both slices), whose first 14 mm hold the steel
 * of needle 9 (27.7°) crossing it. The joining tests read the hub part's line pulled through needle 9's steel (the tip part's
 * far end 2.76 mm across its extension, against 2.5) and its staircase's tilt (5.4° against 1.2°) extended 54 mm (7.13 mm
 * along z, against 5.5): left apart, the hub part was reported as a 79.5 mm false needle. The crossers' voxels are now dropped
 * until the run's own curve stops moving, and the z bound grows by a slice over the longer's length for each mm beyond its end.
 */
class NeedleFinderCrossedHubPartTest {

    private static final Grid GRID = NeedleFinderThickSliceTest.drawnGrid(5);
    private static final Vec3 FLAT_TIP = new Vec3(18.26, -9.20, -3.61);
    private static final Vec3 FLAT_HUB = new Vec3(10.92, -160.49, -6.74);
    private static final Vec3 STEEP_TIP = new Vec3(35.16, -35.50, 18.33);
    private static final Vec3 STEEP_HUB = new Vec3(-22.35, -154.29, -50.83);

    @Test
    void theHubPartOfNeedle6IsJoinedToItsTipPartOn4955() {
        // The scan drawn whole as the generalisation run draws it. Before: 10 found, 1 false (79.5 mm, needle 6's hub part). Now
        // none false, none missed, needle 6 within the 1 mm and 2° (measured 0.06 mm, 0.08°).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(4955, 22);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        double[] tipAndAxis = NeedleFinderZPairingTest.tipAndAxis(m, 4955, 6);
        assertThat(tipAndAxis[0]).as("tip of needle 6").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(tipAndAxis[1]).as("axis of needle 6").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }

    @Test
    void aFlatNeedlesHubPartCrossedByASteepNeedleIsJoinedToItsTipPart() {
        // 4955's geometry drawn as voxel centres (exact, no noise): needle 6's tip part in the slice at -2.5, its hub part in the
        // slices at -2.5 and -7.5 (it crosses z -5 at y -76.4) holding needle 9's voxels where that needle passes the slice at
        // -2.5 (y -67 ... -75.5), and needle 9's own run through every slice. The hub part and the tip part are one run after the
        // joining, needle 9's run the other. Now the tip part's far end reads 0.53 mm across the hub part's extension (bound 2.5)
        // and 5.46 mm off along z, 54.3 mm beyond its end (bound 9.73); its near end 0.20 mm and 1.40 mm. The start commit's
        // tests leave the three runs apart (the joining's decision with its two rules, printed beside the new one, refused).
        Volume ct = tissue();
        NeedleFinder.Run tipPart = run(flat(-11.6, -61.1));
        List<Vec3> hub = flat(-66, -130);
        List<Vec3> steep = steep();
        for (Vec3 p : steep) {
            if (p.z() == -2.5 && p.y() <= -66) {
                hub.add(p);
            }
        }
        NeedleFinder.Run hubPart = run(hub);
        NeedleFinder.Run crosser = run(steep);
        List<NeedleFinder.Run> out = NeedleFinder.joinCollinear(ct, List.of(hubPart, crosser, tipPart), 5);
        assertThat(out).hasSize(2).contains(crosser);
        assertThat(out).anyMatch(r -> r.points().length == hubPart.points().length + tipPart.points().length);
    }

    @Test
    void twoFlatPiecesTwoSlicesApartEndToEndStayApart() {
        // The same tip part two slices (10 mm) above the hub part's line, the hub part flat in one slice: both ends of the tip
        // part lie 10 mm off along z, its near end 5 mm beyond the hub part's end (allowed 5.5 + 5 × 5 / 64 ≈ 5.9 mm) and its far
        // end about 54 mm beyond (allowed 9.76 mm, measured: the far end alone would leave them apart by 0.24 mm only; the near
        // end, 4.1 mm over its bound, decides).
        Volume ct = tissue();
        List<Vec3> tip = new ArrayList<>();
        for (Vec3 p : flat(-11.6, -61.1)) {
            tip.add(new Vec3(p.x(), p.y(), 7.5));
        }
        List<Vec3> hub = new ArrayList<>();
        for (Vec3 p : flat(-66, -130)) {
            hub.add(new Vec3(p.x(), p.y(), -2.5));
        }
        List<NeedleFinder.Run> out = NeedleFinder.joinCollinear(ct, List.of(run(hub), run(tip)), 5);
        assertThat(out).hasSize(2);
    }

    private static Volume tissue() {
        float[] hu = new float[GRID.nx() * GRID.ny() * GRID.nz()];
        java.util.Arrays.fill(hu, 40f);
        return new Volume(GRID, hu, 5);
    }

    /** A flat needle's voxels between y {@code from} and {@code to}: three across every 0.75 mm along y, each at the centre of the 5 mm slice nearest the needle. */
    private static List<Vec3> flat(double from, double to) {
        List<Vec3> out = new ArrayList<>();
        for (double y = from; y >= to; y -= 0.75) {
            double f = (y - FLAT_TIP.y()) / (FLAT_HUB.y() - FLAT_TIP.y());
            Vec3 p = FLAT_TIP.plus(FLAT_HUB.minus(FLAT_TIP).times(f));
            double zc = sliceCentre(p.z());
            for (double dx = -0.75; dx <= 0.75; dx += 0.75) {
                out.add(new Vec3(p.x() + dx, y, zc));
            }
        }
        return out;
    }

    /** The steep needle's voxels: every 0.5 mm along it, three across in the plane, each at the centre of its slice. */
    private static List<Vec3> steep() {
        List<Vec3> out = new ArrayList<>();
        Vec3 d = STEEP_HUB.minus(STEEP_TIP);
        double length = d.norm();
        Vec3 u = d.normalized();
        Vec3 across = new Vec3(-u.y(), u.x(), 0).normalized();
        for (double s = 0; s <= length; s += 0.5) {
            Vec3 p = STEEP_TIP.plus(u.times(s));
            for (double a = -0.75; a <= 0.75; a += 0.75) {
                Vec3 q = p.plus(across.times(a));
                out.add(new Vec3(q.x(), q.y(), sliceCentre(p.z())));
            }
        }
        return out;
    }

    private static double sliceCentre(double z) {
        double z0 = GRID.z(0);
        return z0 + 5 * Math.rint((z - z0) / 5);
    }

    static NeedleFinder.Run run(List<Vec3> points) {
        Vec3[] p = points.toArray(new Vec3[0]);
        double[] w = new double[p.length];
        java.util.Arrays.fill(w, 1);
        Vec3 hint = p[p.length - 1].minus(p[0]).normalized();
        SpaceCurve c = NeedleFinder.refit(p, w, hint, 0);
        c = NeedleFinder.refit(p, w, c.axis(), 1);
        return new NeedleFinder.Run(p, w, c);
    }
}
