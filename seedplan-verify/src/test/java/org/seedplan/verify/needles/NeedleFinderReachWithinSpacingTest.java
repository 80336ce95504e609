package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * The sieve before a component below the start level is read ({@code NeedleFinder.reachWithinSpacingMm}; docs/needles.md,
 * forty-second round, needlespeed24): where it says no, {@code lineBelowStart} could keep no run, so it must never say no where
 * two of the points within one slice spacing along z lie {@value NeedleFinder#AXIS_CHORD_MM} mm apart or more — held exactly
 * against every such pair (no tolerance but the sieve's own 1e-6 mm, a millionth of a voxel: a run's length is a projection's
 * spread, at most the pair's distance); and it says no on the bench's kind of component, a column of steel along z, which the
 * start commit read in full (on the start commit this class does not compile: no sieve).
 */
class NeedleFinderReachWithinSpacingTest {

    private static final double DZ = 5;

    /** Voxel centres of a 512 × 512 grid, 0.75 mm pixels, 5 mm slices. */
    private static Vec3 voxel(int i, int j, int k) {
        return new Vec3(i * 0.75, j * 0.75, k * DZ);
    }

    @Test
    void aColumnAlongZIsNotReadAndAFlatNeedleBetweenTwoSlicesIs() {
        List<Vec3> column = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            for (int d = 0; d < 5; d++) {
                column.add(voxel(200 + d % 2, 300 + d / 2, k));
            }
        }
        assertThat(NeedleFinder.reachWithinSpacingMm(column.toArray(Vec3[]::new), DZ, NeedleFinder.AXIS_CHORD_MM)).isFalse();
        // A flat needle on the boundary of slices 10 and 11, 60 mm long: half its voxels in each slice.
        List<Vec3> flat = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            flat.add(voxel(100 + i, 250, 10));
            flat.add(voxel(100 + i, 250, 11));
        }
        assertThat(NeedleFinder.reachWithinSpacingMm(flat.toArray(Vec3[]::new), DZ, NeedleFinder.AXIS_CHORD_MM)).isTrue();
        // The same needle as a staircase over four slices: no two neighbouring slices hold 40 mm of it (36.75 mm and a step);
        // one voxel more in slice 11 at the far end makes slices 10 and 11 hold 59 mm.
        List<Vec3> steps = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            steps.add(voxel(100 + i, 250, 10 + i / 25));
        }
        assertThat(NeedleFinder.reachWithinSpacingMm(steps.toArray(Vec3[]::new), DZ, NeedleFinder.AXIS_CHORD_MM)).isFalse();
        steps.add(voxel(179, 250, 11));
        assertThat(NeedleFinder.reachWithinSpacingMm(steps.toArray(Vec3[]::new), DZ, NeedleFinder.AXIS_CHORD_MM)).isTrue();
    }

    @Test
    void itNeverSaysNoWhereTwoPointsWithinASpacingAlongZLieTheLengthApart() {
        SplittableRandom rnd = new SplittableRandom(5605);
        int yes = 0;
        for (int round = 0; round < 2000; round++) {
            int n = 2 + rnd.nextInt(20);
            double length = 20 + rnd.nextDouble() * 50;
            Vec3[] p = new Vec3[n];
            for (int q = 0; q < n; q++) {
                p[q] = voxel(rnd.nextInt(80), rnd.nextInt(80), rnd.nextInt(12));
            }
            boolean pairApart = false;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    pairApart |= p[b].z() - p[a].z() >= 0 && p[b].z() - p[a].z() <= DZ + 1e-6 && p[a].minus(p[b]).norm() >= length;
                }
            }
            boolean reach = NeedleFinder.reachWithinSpacingMm(p, DZ, length);
            if (pairApart) {
                assertThat(reach).as("round %d", round).isTrue();
            }
            yes += reach ? 1 : 0;
        }
        // Both answers drawn often (the test is not all one way).
        assertThat(yes).isBetween(200, 1800);
    }

    @Test
    void aPairJustTheLengthApartIsReadAndJustShortIsNot() {
        Vec3 a = new Vec3(10, 20, 0);
        assertThat(NeedleFinder.reachWithinSpacingMm(new Vec3[] {a, new Vec3(50, 20, 5)}, DZ, 40)).isTrue();
        assertThat(NeedleFinder.reachWithinSpacingMm(new Vec3[] {a, new Vec3(49.99, 20, 0)}, DZ, 40)).isFalse();
        // Beyond one spacing along z the pair is two windows' points, each window a point alone.
        assertThat(NeedleFinder.reachWithinSpacingMm(new Vec3[] {a, new Vec3(80, 20, 5.01)}, DZ, 40)).isFalse();
    }
}
