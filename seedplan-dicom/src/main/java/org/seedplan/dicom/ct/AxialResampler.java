package org.seedplan.dicom.ct;

import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Resamples a stack of axial image planes, each placed by its own Image Position and rotated in
 * its plane by the Image Orientation, onto one axis-aligned grid whose slices are the acquired
 * planes: a tilted (sheared) stack or a rotated image is thus interpolated only within each plane,
 * bilinearly (trilinear interpolation evaluated on the planes themselves). The grid keeps the
 * first plane's pixel lattice and grows to cover every plane; points outside a plane's image get
 * {@link #OUTSIDE_HU}.
 */
final class AxialResampler {

    /** CT number given to grid points that no acquired image covers (air). */
    static final float OUTSIDE_HU = -1000f;

    /** One acquired plane: position of its first pixel, unit row and column directions, HU in source order. */
    record Plane(Vec3 firstPixelMm, Vec3 colDir, Vec3 rowDir, float[] hu) {
    }

    private AxialResampler() {
    }

    /**
     * The grid covering all planes (ordered by increasing z), spaced like the first plane's pixels
     * along x and y and {@code dzMm} along z.
     */
    static Grid grid(List<Plane> planes, int cols, int rows, double colSpacingMm, double rowSpacingMm, double dzMm) {
        Plane p0 = planes.get(0);
        boolean colsAlongX = Math.abs(p0.colDir.x()) >= Math.abs(p0.colDir.y());
        double dx = colsAlongX ? colSpacingMm : rowSpacingMm;
        double dy = colsAlongX ? rowSpacingMm : colSpacingMm;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Plane p : planes) {
            for (int ci : new int[] {0, cols - 1}) {
                for (int ri : new int[] {0, rows - 1}) {
                    Vec3 corner = p.firstPixelMm.plus(p.colDir.times(ci * colSpacingMm)).plus(p.rowDir.times(ri * rowSpacingMm));
                    minX = Math.min(minX, corner.x());
                    maxX = Math.max(maxX, corner.x());
                    minY = Math.min(minY, corner.y());
                    maxY = Math.max(maxY, corner.y());
                }
            }
        }
        // keep the first plane's lattice: the origin is its first pixel moved by whole voxels
        double x0 = p0.firstPixelMm.x() - Math.ceil((p0.firstPixelMm.x() - minX) / dx - 1e-6) * dx;
        double y0 = p0.firstPixelMm.y() - Math.ceil((p0.firstPixelMm.y() - minY) / dy - 1e-6) * dy;
        int nx = (int) Math.ceil((maxX - x0) / dx - 1e-6) + 1;
        int ny = (int) Math.ceil((maxY - y0) / dy - 1e-6) + 1;
        return new Grid(new Vec3(x0, y0, p0.firstPixelMm.z()), dx, dy, dzMm, nx, ny, planes.size());
    }

    /** The HU of every grid voxel; grid slice k is plane k. */
    static float[] resample(Grid g, List<Plane> planes, int cols, int rows, double colSpacingMm, double rowSpacingMm) {
        float[] out = new float[g.voxelCount()];
        int plane = g.nx() * g.ny();
        IntStream.range(0, planes.size()).parallel().forEach(k -> {
            Plane p = planes.get(k);
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double dxMm = g.x(i) - p.firstPixelMm.x();
                    double dyMm = g.y(j) - p.firstPixelMm.y();
                    double c = (dxMm * p.colDir.x() + dyMm * p.colDir.y()) / colSpacingMm;
                    double r = (dxMm * p.rowDir.x() + dyMm * p.rowDir.y()) / rowSpacingMm;
                    out[k * plane + j * g.nx() + i] = bilinear(p.hu, cols, rows, c, r);
                }
            }
        });
        return out;
    }

    private static float bilinear(float[] hu, int cols, int rows, double c, double r) {
        final double eps = 1e-6;
        if (c < -eps || r < -eps || c > cols - 1 + eps || r > rows - 1 + eps) {
            return OUTSIDE_HU;
        }
        int c0 = Math.min(Math.max((int) Math.floor(c), 0), Math.max(cols - 2, 0));
        int r0 = Math.min(Math.max((int) Math.floor(r), 0), Math.max(rows - 2, 0));
        int c1 = Math.min(c0 + 1, cols - 1);
        int r1 = Math.min(r0 + 1, rows - 1);
        double fc = Math.min(Math.max(c - c0, 0), 1);
        double fr = Math.min(Math.max(r - r0, 0), 1);
        double top = hu[r0 * cols + c0] * (1 - fc) + hu[r0 * cols + c1] * fc;
        double bottom = hu[r1 * cols + c0] * (1 - fc) + hu[r1 * cols + c1] * fc;
        return (float) (top * (1 - fr) + bottom * fr);
    }
}
