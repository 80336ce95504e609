package org.seedplan.planning;

import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Mask;

/** Point queries on a mask: the fraction of the voxel nearest to a point, zero outside the mask's grid. */
public final class MaskLookup {

    private final Mask mask;
    private final Grid grid;

    public MaskLookup(Mask mask) {
        this.mask = mask;
        this.grid = mask.grid();
    }

    public Mask mask() {
        return mask;
    }

    /** Fraction of the voxel whose centre is nearest to the point; 0 outside the grid. */
    public double fractionAt(Vec3 p) {
        return fractionAt(p.x(), p.y(), p.z());
    }

    public double fractionAt(double x, double y, double z) {
        int i = (int) Math.floor((x - grid.originMm().x()) / grid.dxMm() + 0.5);
        int j = (int) Math.floor((y - grid.originMm().y()) / grid.dyMm() + 0.5);
        int k = (int) Math.floor((z - grid.originMm().z()) / grid.dzMm() + 0.5);
        if (i < 0 || j < 0 || k < 0 || i >= grid.nx() || j >= grid.ny() || k >= grid.nz()) {
            return 0;
        }
        return mask.fraction()[grid.index(i, j, k)];
    }

    /** Whether the point lies inside: the nearest voxel is at least half inside. */
    public boolean contains(Vec3 p) {
        return fractionAt(p) >= 0.5;
    }

    /** Lower corner of the box holding every voxel with a non-zero fraction, mm (voxel centres). */
    public Vec3 minMm() {
        return bounds()[0];
    }

    /** Upper corner of the box holding every voxel with a non-zero fraction, mm (voxel centres). */
    public Vec3 maxMm() {
        return bounds()[1];
    }

    private Vec3[] bounds() {
        int iMin = Integer.MAX_VALUE, jMin = Integer.MAX_VALUE, kMin = Integer.MAX_VALUE;
        int iMax = -1, jMax = -1, kMax = -1;
        float[] f = mask.fraction();
        for (int k = 0, n = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++, n++) {
                    if (f[n] > 0) {
                        iMin = Math.min(iMin, i);
                        iMax = Math.max(iMax, i);
                        jMin = Math.min(jMin, j);
                        jMax = Math.max(jMax, j);
                        kMin = Math.min(kMin, k);
                        kMax = Math.max(kMax, k);
                    }
                }
            }
        }
        if (iMax < 0) {
            throw new IllegalArgumentException("structure '" + mask.name() + "' has no volume on the planning grid: check its contours");
        }
        return new Vec3[] {grid.centre(iMin, jMin, kMin), grid.centre(iMax, jMax, kMax)};
    }

    /** Centre of mass of the mask, mm. */
    public Vec3 centroidMm() {
        double sx = 0, sy = 0, sz = 0, sw = 0;
        float[] f = mask.fraction();
        for (int k = 0, n = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++, n++) {
                    if (f[n] > 0) {
                        sx += f[n] * grid.x(i);
                        sy += f[n] * grid.y(j);
                        sz += f[n] * grid.z(k);
                        sw += f[n];
                    }
                }
            }
        }
        if (sw == 0) {
            throw new IllegalArgumentException("structure '" + mask.name() + "' has no volume on the planning grid: check its contours");
        }
        return new Vec3(sx / sw, sy / sw, sz / sw);
    }
}
