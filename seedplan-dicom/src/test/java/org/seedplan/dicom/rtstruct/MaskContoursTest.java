package org.seedplan.dicom.rtstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

class MaskContoursTest {

    /** A spherical shell (a hole on the middle slices) and a voxel touching it only at a corner. */
    private static Mask shellMask(Grid g) {
        float[] f = new float[g.voxelCount()];
        for (int n = 0; n < f.length; n++) {
            double r = g.centre(n).norm();
            f[n] = r <= 12 && r >= 6 ? 1f : 0f;
        }
        // a lone voxel diagonal to the last voxel of the shell's top row on the middle slice
        int k = g.nz() / 2;
        int top = 0;
        int last = 0;
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                if (f[g.index(i, j, k)] > 0) {
                    top = j;
                }
            }
        }
        for (int i = 0; i < g.nx(); i++) {
            if (f[g.index(i, top, k)] > 0) {
                last = i;
            }
        }
        f[g.index(last + 1, top + 1, k)] = 1f;
        return new Mask("CTV", g, f);
    }

    @Test
    void contoursEncloseExactlyTheVoxelsAtOrAboveHalf() {
        Grid g = new Grid(new Vec3(-20, -20, -15), 1.5, 1.5, 2.5, 27, 27, 13);
        Mask mask = shellMask(g);
        Structure s = MaskContours.of(mask, StructureType.CTV, 0x00FF00);
        int k = g.nz() / 2;
        List<Contour> middle = s.contours().stream().filter(c -> Math.abs(c.zMm() - g.z(k)) < 1e-9).toList();
        // shell outline, its hole, the lone voxel
        assertThat(middle).hasSize(3);
        // per slice: even-odd area of the outlines = selected voxels × pixel area, exactly (pixel-edge polygons)
        for (int kk = 0; kk < g.nz(); kk++) {
            double z = g.z(kk);
            List<Contour> plane = s.contours().stream().filter(c -> Math.abs(c.zMm() - z) < 1e-9).toList();
            int count = 0;
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    count += mask.fraction()[g.index(i, j, kk)] >= 0.5f ? 1 : 0;
                }
            }
            assertThat(ContourVolume.planeArea(plane)).isCloseTo(count * g.dxMm() * g.dyMm(), within(1e-9));
        }
        // rasterised back on the same grid: the same voxels, fully inside (fractions of 1 up to the rasteriser's sampling)
        Mask back = MaskRasterizer.rasterize(s, g);
        for (int n = 0; n < g.voxelCount(); n++) {
            float want = mask.fraction()[n] >= 0.5f ? 1f : 0f;
            assertThat(back.fraction()[n]).as("voxel " + n).isCloseTo(want, within(1e-3f));
        }
    }
}
