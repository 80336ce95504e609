package org.seedplan.geometry;

/**
 * A regular, axis-aligned voxel grid in patient (LPS) millimetres.
 *
 * <p>Voxel (i, j, k) has its centre at {@code origin + (i·dx, j·dy, k·dz)}; i runs along x
 * (columns), j along y (rows), k along z (slices). Values on the grid are stored x-fastest:
 * {@code index = i + nx·(j + ny·k)}.
 */
public record Grid(Vec3 originMm, double dxMm, double dyMm, double dzMm, int nx, int ny, int nz) {

    public Grid {
        if (!(dxMm > 0 && dyMm > 0 && dzMm > 0)) {
            throw new IllegalArgumentException("grid spacing must be positive, got "
                    + dxMm + " × " + dyMm + " × " + dzMm + " mm");
        }
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("grid size must be at least 1 × 1 × 1, got " + nx + " × " + ny + " × " + nz);
        }
        if ((long) nx * ny * nz > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("grid of " + nx + " × " + ny + " × " + nz + " voxels is too large");
        }
        if (!originMm.isFinite()) {
            throw new IllegalArgumentException("grid origin must be finite, got " + originMm);
        }
    }

    /** The smallest grid with the given spacing whose voxel centres cover the box [min, max]. */
    public static Grid covering(Vec3 minMm, Vec3 maxMm, double dxMm, double dyMm, double dzMm) {
        double[] counts = {(maxMm.x() - minMm.x()) / dxMm, (maxMm.y() - minMm.y()) / dyMm, (maxMm.z() - minMm.z()) / dzMm};
        for (double c : counts) {
            if (!(c >= 0) || c > Integer.MAX_VALUE / 2.0) {
                throw new IllegalArgumentException("a grid of spacing " + dxMm + " × " + dyMm + " × " + dzMm + " mm over " + minMm
                        + " … " + maxMm + " mm is impossible or too large: check the coordinates and the spacing");
            }
        }
        int nx = (int) Math.ceil((maxMm.x() - minMm.x()) / dxMm - 1e-9) + 1;
        int ny = (int) Math.ceil((maxMm.y() - minMm.y()) / dyMm - 1e-9) + 1;
        int nz = (int) Math.ceil((maxMm.z() - minMm.z()) / dzMm - 1e-9) + 1;
        return new Grid(minMm, dxMm, dyMm, dzMm, nx, ny, nz);
    }

    public int voxelCount() {
        return nx * ny * nz;
    }

    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    public double x(int i) {
        return originMm.x() + i * dxMm;
    }

    public double y(int j) {
        return originMm.y() + j * dyMm;
    }

    public double z(int k) {
        return originMm.z() + k * dzMm;
    }

    public Vec3 centre(int i, int j, int k) {
        return new Vec3(x(i), y(j), z(k));
    }

    /** Centre of the voxel with the given flat index. */
    public Vec3 centre(int index) {
        int i = index % nx;
        int j = (index / nx) % ny;
        int k = index / (nx * ny);
        return centre(i, j, k);
    }

    /** Volume of one voxel in cm³ (cc). */
    public double voxelVolumeCc() {
        return dxMm * dyMm * dzMm / 1000.0;
    }

    /** Lower corner of the grid's outer boundary (half a voxel before the first centre). */
    public Vec3 minCornerMm() {
        return new Vec3(x(0) - dxMm / 2, y(0) - dyMm / 2, z(0) - dzMm / 2);
    }

    /** Upper corner of the grid's outer boundary (half a voxel after the last centre). */
    public Vec3 maxCornerMm() {
        return new Vec3(x(nx - 1) + dxMm / 2, y(ny - 1) + dyMm / 2, z(nz - 1) + dzMm / 2);
    }

    /** Whether a point lies inside the grid's outer boundary. */
    public boolean contains(Vec3 p) {
        Vec3 lo = minCornerMm();
        Vec3 hi = maxCornerMm();
        return p.x() >= lo.x() && p.x() <= hi.x() && p.y() >= lo.y() && p.y() <= hi.y()
                && p.z() >= lo.z() && p.z() <= hi.z();
    }
}
