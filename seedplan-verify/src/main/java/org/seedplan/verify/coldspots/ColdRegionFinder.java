package org.seedplan.verify.coldspots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.ConnectedComponents;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Mask;

/**
 * Finds the cold regions of a target: voxels at least half inside the target whose dose is below
 * the prescription, grouped into 26-connected regions (volume = Σ voxel fraction × voxel volume,
 * centroid weighted the same way), largest first. Regions smaller than {@code minVolumeCc} are not
 * listed (single voxels at the target's edge are discretisation, not a clinical cold spot).
 *
 * <p>Largest first because the volume below the prescription is what a cold region takes from the
 * target's V100 and D90, and what a supplementary seed has to cover; the deficit (lowest dose) is
 * printed beside it. Regions of equal volume (small ones often are: whole voxels) come coldest
 * first, then by centroid (z, y, x in mm), so the order never depends on how the regions were found.
 */
public final class ColdRegionFinder {

    private ColdRegionFinder() {
    }

    /** Largest first; equal volumes coldest first, then by centroid z, y, x. */
    static final Comparator<ColdRegion> ORDER = Comparator.comparingDouble(ColdRegion::volumeCc).reversed()
            .thenComparingDouble(ColdRegion::minDoseGy)
            .thenComparingDouble(r -> r.centroidMm().z())
            .thenComparingDouble(r -> r.centroidMm().y())
            .thenComparingDouble(r -> r.centroidMm().x());

    /** The cold regions of {@code target} under {@code dose} (same grid), in {@link #ORDER}: largest first. */
    public static List<ColdRegion> find(DoseGrid dose, Mask target, double prescriptionGy, double minVolumeCc) {
        Grid g = dose.grid();
        if (!g.equals(target.grid())) {
            throw new IllegalArgumentException("target '" + target.name() + "' is on a different grid than the dose:"
                    + " rasterise it on the dose grid");
        }
        if (!(prescriptionGy > 0)) {
            throw new IllegalArgumentException("prescription must be a positive dose in Gy, got " + prescriptionGy);
        }
        float[] f = target.fraction();
        float[] d = dose.doseGy();
        boolean[] cold = new boolean[f.length];
        for (int v = 0; v < f.length; v++) {
            cold[v] = f[v] >= 0.5f && d[v] < prescriptionGy;
        }
        List<ColdRegion> out = new ArrayList<>();
        for (int[] region : ConnectedComponents.of(g, cold, null)) {
            double vol = 0;
            double sx = 0;
            double sy = 0;
            double sz = 0;
            double dmin = Double.POSITIVE_INFINITY;
            double dsum = 0;
            double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int v : region) {
                Vec3 c = g.centre(v);
                double w = f[v];
                vol += w;
                sx += w * c.x();
                sy += w * c.y();
                sz += w * c.z();
                dmin = Math.min(dmin, d[v]);
                dsum += w * d[v];
                lo[0] = Math.min(lo[0], c.x());
                lo[1] = Math.min(lo[1], c.y());
                lo[2] = Math.min(lo[2], c.z());
                hi[0] = Math.max(hi[0], c.x());
                hi[1] = Math.max(hi[1], c.y());
                hi[2] = Math.max(hi[2], c.z());
            }
            double cc = vol * g.voxelVolumeCc();
            if (cc >= minVolumeCc) {
                out.add(new ColdRegion(cc, new Vec3(sx / vol, sy / vol, sz / vol), new Vec3(lo[0], lo[1], lo[2]),
                        new Vec3(hi[0], hi[1], hi[2]), dmin, dsum / vol));
            }
        }
        out.sort(ORDER);
        return out;
    }
}
