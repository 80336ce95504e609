package org.seedplan.server.structures;

import java.util.List;
import java.util.Locale;
import org.seedplan.dicom.rtstruct.MaskContours;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.MarginExpansion;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskOps;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureBounds;
import org.seedplan.structure.StructureType;

/**
 * A structure derived from drawn ones with the core functions: a margin ({@link MarginExpansion}, CTV = GTV + 5 mm)
 * or a boolean ({@link MaskOps}), computed on the CT's own voxels (a sub-grid of the CT around the structures) so that
 * the result's contours ({@link MaskContours}, along the voxel edges) lie on the CT slices.
 */
public final class StructureDerivation {

    /** The operations. */
    public enum Operation { EXPAND, UNION, INTERSECTION, SUBTRACT }

    /** Voxels of room kept around the structures (and the margin) inside the CT. */
    static final int PAD_VOXELS = 2;

    private StructureDerivation() {
    }

    /**
     * Derives {@code name}: EXPAND grows {@code a} by {@code marginMm} (negative shrinks); UNION, INTERSECTION and
     * SUBTRACT combine {@code a} with {@code b}. {@code ct} is the CT grid the structures were drawn on.
     */
    public static Structure derive(Grid ct, Operation op, Structure a, Structure b, double marginMm, String name,
            StructureType type, int colourRgb) {
        if (op != Operation.EXPAND && b == null) {
            throw new IllegalArgumentException(op.name().toLowerCase(Locale.ROOT) + " of '" + a.name() + "' needs a second structure b");
        }
        double grow = op == Operation.EXPAND ? Math.max(0, marginMm) : 0;
        Grid grid = around(ct, b == null ? List.of(a) : List.of(a, b), grow);
        Mask ma = MaskRasterizer.rasterize(a, grid);
        Mask result = switch (op) {
            case EXPAND -> MarginExpansion.expand(ma, marginMm, name);
            case UNION -> MaskOps.union(ma, MaskRasterizer.rasterize(b, grid), name);
            case INTERSECTION -> MaskOps.intersection(ma, MaskRasterizer.rasterize(b, grid), name);
            case SUBTRACT -> MaskOps.subtract(ma, MaskRasterizer.rasterize(b, grid), name);
        };
        Structure s = MaskContours.of(result, type, colourRgb);
        return new Structure(name, type, colourRgb, s.contours());
    }

    /** The part of the CT grid covering the structures grown by {@code growMm} and {@link #PAD_VOXELS}, clamped to the CT. */
    static Grid around(Grid ct, List<Structure> structures, double growMm) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Structure s : structures) {
            StructureBounds b = MaskRasterizer.boundsMm(s, ct.dzMm());
            double[] bl = {b.minMm().x(), b.minMm().y(), b.minMm().z()};
            double[] bh = {b.maxMm().x(), b.maxMm().y(), b.maxMm().z()};
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], bl[a] - growMm);
                hi[a] = Math.max(hi[a], bh[a] + growMm);
            }
        }
        double[] origin = {ct.originMm().x(), ct.originMm().y(), ct.originMm().z()};
        double[] spacing = {ct.dxMm(), ct.dyMm(), ct.dzMm()};
        int[] size = {ct.nx(), ct.ny(), ct.nz()};
        int[] from = new int[3];
        int[] count = new int[3];
        for (int a = 0; a < 3; a++) {
            int first = Math.max(0, (int) Math.floor((lo[a] - origin[a]) / spacing[a] + 0.5) - PAD_VOXELS);
            int last = Math.min(size[a] - 1, (int) Math.ceil((hi[a] - origin[a]) / spacing[a] - 0.5) + PAD_VOXELS);
            if (last < first) {
                throw new IllegalArgumentException("the structures lie outside the CT (" + structures.get(0).name()
                        + "): draw them on the CT's slices");
            }
            from[a] = first;
            count[a] = last - first + 1;
        }
        return new Grid(new Vec3(origin[0] + from[0] * spacing[0], origin[1] + from[1] * spacing[1], origin[2] + from[2] * spacing[2]),
                spacing[0], spacing[1], spacing[2], count[0], count[1], count[2]);
    }
}
