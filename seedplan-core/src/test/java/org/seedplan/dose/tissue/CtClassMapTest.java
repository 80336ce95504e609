package org.seedplan.dose.tissue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.montecarlo.MaterialLibrary;
import org.seedplan.dose.montecarlo.VoxelPhantom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Image noise must not split one tissue into soft tissue and liver, and must not move the edges between tissues the CT does
 * tell apart (TG-186 §IV.C; {@link CtClassMap}). Synthetic CTs on the demo's CT voxels (1 × 1 × 2.5 mm), Gaussian noise of
 * σ HU per voxel (fixed seeds), phantom on 2 mm voxels as the workstation computes; shares are counted over the phantom
 * voxels farther than the smoothing window's half-width (4 mm in-plane) from any edge between soft tissue and liver, where the
 * rule itself decides, not the noise (5 mm: half the 11-voxel window).
 */
class CtClassMapTest {

    private static final MaterialLibrary LIBRARY = MaterialLibrary.standard();
    private static final HuDensityCurve CURVE = HuDensityCurve.standard();
    private static final Grid CT = new Grid(new Vec3(-39.5, -39.5, -18.75), 1, 1, 2.5, 80, 80, 16);
    private static final Grid DOSE = new Grid(new Vec3(-39, -39, -17), 2, 2, 2, 40, 40, 18);

    @Test
    void uniformFiftyAndSixtyHuRegionsWithNoiseEachStayOneClass() {
        // 50 HU (soft tissue, 5 HU under the 55 HU boundary) for x < 0, 60 HU (liver, 5 HU over it) for x > 0
        for (double sigma : new double[] {10, 20, 30}) {
            Volume ct = noisy(p -> p.x() < 0 ? 50.0 : 60.0, sigma, 186);
            VoxelPhantom p = TissueAssignment.assign(ct, DOSE, CURVE, List.of(), List.of(), LIBRARY).phantom();
            System.out.printf(Locale.ROOT, "σ %.0f HU: 50 HU region %.2f %% soft tissue, 60 HU region %.2f %% liver%n", sigma,
                    100 * share(p, "mean-male-soft-tissue", v -> v.x() < -6), 100 * share(p, "liver", v -> v.x() > 6));
            // at least 98 % (issue 17's bound); measured 100 / 100 % at σ 10 and 20 HU, 99.86 / 99.30 % at σ 30 HU
            assertThat(share(p, "mean-male-soft-tissue", v -> v.x() < -6)).as("50 HU region at σ %s HU", sigma).isGreaterThanOrEqualTo(0.98);
            assertThat(share(p, "liver", v -> v.x() > 6)).as("60 HU region at σ %s HU", sigma).isGreaterThanOrEqualTo(0.98);
        }
        // what the rule replaces: by each CT voxel's own density the 50 HU region is 40 % liver at σ 20 (5 HU is 0.25 σ)
        Volume ct = noisy(p -> 50.0, 20, 186);
        long liver = 0;
        for (float hu : ct.hu()) {
            liver += TissueClass.of(hu, CURVE.densityGPerCm3(hu)) == TissueClass.LIVER ? 1 : 0;
        }
        assertThat(liver / (double) ct.hu().length).isBetween(0.37, 0.43);
    }

    @Test
    void edgesBetweenFatMuscleLungAndBoneStayWhereTheCtPutsThem() {
        // slabs along x with edges on phantom voxel boundaries: lung -800 HU below -20 mm, fat -100 HU to 0, muscle 40 HU to
        // 20 mm, bone 700 HU beyond; noise σ 20 HU in every tissue
        Volume ct = noisy(p -> p.x() < -20 ? -800.0 : p.x() < 0 ? -100.0 : p.x() < 20 ? 40.0 : 700.0, 20, 263);
        VoxelPhantom p = TissueAssignment.assign(ct, DOSE, CURVE, List.of(), List.of(), LIBRARY).phantom();
        // every voxel up to the edge, each side, is its slab's tissue: the edges stay within a voxel (the 1 mm CT voxels
        // on either side of each edge are 1 mm from it, the phantom's voxels end there)
        assertThat(share(p, "lung-inflated", v -> v.x() < -20)).isEqualTo(1.0);
        assertThat(share(p, "mean-adipose", v -> v.x() > -20 && v.x() < 0)).isEqualTo(1.0);
        assertThat(share(p, "mean-male-soft-tissue", v -> v.x() > 0 && v.x() < 20)).isEqualTo(1.0);
        assertThat(share(p, "cortical-bone", v -> v.x() > 20)).isEqualTo(1.0);
    }

    @Test
    void aRealEdgeBetweenMuscleAndLiverMovesByLessThanTwoVoxels() {
        // muscle 40 HU for x < 0, liver 60 HU beyond, σ 20 HU: each voxel is soft tissue by its own CT number for 77 % of the
        // muscle and 40 % of the liver, so a neighbourhood's vote turns to liver only once about 70 % of it lies in the liver;
        // the CT cannot place such an edge better (contour the organ, TG-186 §IV.C). Bound: 4 mm, two phantom voxels.
        Volume ct = noisy(p -> p.x() < 0 ? 40.0 : 60.0, 20, 43);
        VoxelPhantom p = TissueAssignment.assign(ct, DOSE, CURVE, List.of(), List.of(), LIBRARY).phantom();
        assertThat(share(p, "mean-male-soft-tissue", v -> v.x() < 0)).isEqualTo(1.0);
        // measured: the phantom voxels 0-2 mm into the liver 0 % liver, 2-4 mm 65 %, beyond 4 mm 100 %
        assertThat(share(p, "liver", v -> v.x() > 4)).isGreaterThanOrEqualTo(0.98);
    }

    private static Volume noisy(Function<Vec3, Double> huAt, double sigmaHu, long seed) {
        Random rnd = new Random(seed);
        float[] hu = new float[CT.voxelCount()];
        for (int v = 0; v < hu.length; v++) {
            hu[v] = (float) (huAt.apply(CT.centre(v)) + sigmaHu * rnd.nextGaussian());
        }
        return new Volume(CT, hu);
    }

    /** The share of the phantom voxels whose centre satisfies {@code where} that are {@code material}. */
    private static double share(VoxelPhantom p, String material, java.util.function.Predicate<Vec3> where) {
        int in = 0;
        int of = 0;
        for (int v = 0; v < DOSE.voxelCount(); v++) {
            Vec3 c = DOSE.centre(v);
            // the slices within the CT, and away from the CT's in-plane borders where the window is cut
            if (Math.abs(c.z()) < 15 && Math.abs(c.y()) < 34 && where.test(c)) {
                of++;
                in += p.materialNames().get(p.materialIndex()[v]).equals(material) ? 1 : 0;
            }
        }
        return in / (double) of;
    }
}
