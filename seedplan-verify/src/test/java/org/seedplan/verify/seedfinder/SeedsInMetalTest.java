package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Where a piece of a screw's asymmetric metal is named (docs/seed-finder.md, thirtieth round, draw 2068): a seed touching a screw's
 * head where the screw enters a vertebra's cortex grows, through the cortex rising about 0.58 of the way above its mirror image,
 * into one piece with it; the cortex, spread over many voxels, holds most of the piece's residual. The line's place is the centre
 * of the piece's core (the voxels rising the significant height, the seed's), not of all its residual. Synthetic and exact: no
 * noise, CT numbers set voxel by voxel on a 12-bit scale with the background at 0 HU, blurred in-plane.
 */
class SeedsInMetalTest {

    private static final double CLIP_HU = 3071;
    private static final double CORTEX_HU = 1750;
    /** The screw's axis runs along y through x = 20 mm, z = 7.5 mm; its radius, mm. */
    private static final double SCREW_X = 20;
    private static final double SCREW_Z = 7.5;
    private static final double SCREW_RADIUS_MM = 3;
    /** A seed's capsule parallel to the screw, touching it: its centre and half-length, mm, and its image's radius in-plane. */
    private static final Vec3 SEED = new Vec3(SCREW_X + SCREW_RADIUS_MM + 0.4, 20, SCREW_Z);
    private static final double SEED_HALF_MM = 2.25;
    private static final double SEED_IMAGE_RADIUS_MM = 0.8;

    /** The one piece a screw-and-seed scene gives, with the cortex slab at the seed's lower end or without it. */
    private static SeedsInMetal.Excess piece(boolean cortex) {
        Grid g = new Grid(new Vec3(0, 0, 0), 0.8, 0.8, 1.25, 50, 50, 13);
        float[] hu = new float[g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = g.x(i);
                    double y = g.y(j);
                    double z = g.z(k);
                    double v = 0;
                    if (Math.hypot(x - SCREW_X, z - SCREW_Z) <= SCREW_RADIUS_MM && y >= 4 && y <= 36) {
                        v = CLIP_HU;
                    } else if (Math.hypot(x - SEED.x(), z - SEED.z()) <= SEED_IMAGE_RADIUS_MM && Math.abs(y - SEED.y()) <= SEED_HALF_MM + 0.4) {
                        v = CLIP_HU;
                    } else if (cortex && x > SCREW_X && x <= 30 && y >= 15 && y <= 17.4 && Math.abs(z - SCREW_Z) <= 5) {
                        // The cortex where the screw enters the bone, on one side of it only (the screw crosses it obliquely), ending
                        // where the seed's lower end begins.
                        v = CORTEX_HU;
                    }
                    hu[g.index(i, j, k)] = (float) v;
                }
            }
        }
        hu = blurredInPlane(g, hu);
        int[] labels = new int[g.voxelCount()];
        List<Integer> voxels = new ArrayList<>();
        for (int v = 0; v < hu.length; v++) {
            if (hu[v] >= 1200) {
                labels[v] = 1;
                voxels.add(v);
            }
        }
        Blob b = new Blob(g, voxels.stream().mapToInt(Integer::intValue).toArray(), hu);
        double span = CLIP_HU;
        List<SeedsInMetal.Excess> pieces = SeedsInMetal.of(g, hu, hu, CLIP_HU, labels, b, 0, 0, SeedFinder.SCREW_ASYMMETRIC_SHARE * span,
                0.15 * span, false);
        assertThat(pieces).as("pieces, cortex %s", cortex).hasSize(1);
        return pieces.get(0);
    }

    /**
     * The image blurred in-plane by a Gaussian of {@value #BLUR_MM} mm (a scanner's kernel; without it the mirror, searched on a
     * 0.2 mm grid, leaves the screw's sharp edges as pieces of their own) and clipped at the 12-bit top.
     */
    private static float[] blurredInPlane(Grid g, float[] hu) {
        int r = 3;
        double[] w = new double[2 * r + 1];
        double sum = 0;
        for (int d = -r; d <= r; d++) {
            w[d + r] = Math.exp(-0.5 * Math.pow(d * g.dxMm() / BLUR_MM, 2));
            sum += w[d + r];
        }
        float[] a = new float[hu.length];
        float[] b = new float[hu.length];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double s = 0;
                    for (int d = -r; d <= r; d++) {
                        int ii = Math.max(0, Math.min(g.nx() - 1, i + d));
                        s += w[d + r] * hu[g.index(ii, j, k)];
                    }
                    a[g.index(i, j, k)] = (float) (s / sum);
                }
            }
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double s = 0;
                    for (int d = -r; d <= r; d++) {
                        int jj = Math.max(0, Math.min(g.ny() - 1, j + d));
                        s += w[d + r] * a[g.index(i, jj, k)];
                    }
                    b[g.index(i, j, k)] = (float) Math.min(CLIP_HU, s / sum);
                }
            }
        }
        return b;
    }

    /** In-plane σ of the blur, mm. */
    private static final double BLUR_MM = 0.5;

    @Test
    void aSeedGrownIntoTheCortexIsPlacedAtItsCore() {
        Grid g = new Grid(new Vec3(0, 0, 0), 0.8, 0.8, 1.25, 50, 50, 13);
        SeedsInMetal.Excess e = piece(true);
        // The cause: the cortex (1750 HU above its mirror image: over the 0.42 of the way a screw's piece grows through, under the
        // 0.7 it starts from) joins the seed's piece and draws the centre of its residual 4.9 mm off the seed (measured), beyond the
        // 2.5 mm the scenes take for naming it.
        assertThat(e.centreMm(g).minus(SEED).norm()).as("the residual's centre from the seed, mm")
                .isGreaterThan(IndependentScanMatrix.MATCH_GATE_MM);
        // The core is the seed's alone: 0.61 mm from it (measured; the mirror the search finds lies 0.17 mm off the screw's axis,
        // pulled by the cortex, and the core keeps the seed's outer column of 0.8 mm voxels). Bound: one voxel, 0.8 mm.
        assertThat(e.coreCentreMm(g).minus(SEED).norm()).as("the core's centre from the seed, mm").isLessThanOrEqualTo(0.8);
    }

    @Test
    void aSeedBesideTheScrewWithNoCortexIsPlacedWhereItWas() {
        // With no cortex the piece is the seed's image and its widening: the core's centre lies 0.01 mm from the residual's
        // (measured; bound 0.1 mm) and 0.21 mm from the seed (bound 0.3 mm, the centre target): the line stays put.
        Grid g = new Grid(new Vec3(0, 0, 0), 0.8, 0.8, 1.25, 50, 50, 13);
        SeedsInMetal.Excess e = piece(false);
        assertThat(e.coreCentreMm(g).minus(e.centreMm(g)).norm()).as("core's centre from the residual's, mm").isLessThanOrEqualTo(0.1);
        assertThat(e.coreCentreMm(g).minus(SEED).norm()).as("the core's centre from the seed, mm").isLessThanOrEqualTo(0.3);
    }
}
