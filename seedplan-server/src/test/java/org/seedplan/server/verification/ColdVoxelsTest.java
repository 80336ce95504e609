package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Mask;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.coldspots.ColdRegion;
import org.seedplan.verify.coldspots.ColdRegionFinder;
import org.seedplan.verify.comparison.ImplantVerifier;

/**
 * The voxels the verification screen fills are those of seedplan-verify's cold regions: a sphere of radius 10 mm (GTV,
 * 1 mm voxels) under a dose rising along x, cold for x below 3 mm, plus one single cold voxel far from it (below
 * the 0.005 cc a region must reach); an organ is never drawn.
 */
class ColdVoxelsTest {

    private static final Grid GRID = new Grid(new Vec3(-15, -15, -15), 1, 1, 1, 31, 31, 31);
    private static final double RX_GY = 100;

    @Test
    void theVoxelsDrawnAreThoseOfTheListedColdRegionsAndOnlyOfTargets() {
        float[] sphere = new float[GRID.voxelCount()];
        float[] organ = new float[GRID.voxelCount()];
        float[] dose = new float[GRID.voxelCount()];
        for (int v = 0; v < sphere.length; v++) {
            Vec3 c = GRID.centre(v);
            sphere[v] = c.norm() <= 10 ? 1f : 0f;
            organ[v] = c.x() > 12 ? 1f : 0f;
            dose[v] = (float) (RX_GY + 10 * (c.x() - 3) - 5); // below the prescription for x < 3.5, i.e. x ≤ 3 on this grid
        }
        int lone = GRID.index(28, 28, 28); // a single voxel of another target, cold: 0.001 cc
        float[] speck = new float[GRID.voxelCount()];
        speck[lone] = 1f;
        dose[lone] = 0;
        Mask gtv = new Mask("GTV", GRID, sphere);
        List<RoiMask> rois = List.of(RoiMask.of(gtv, StructureType.GTV), RoiMask.of(new Mask("Speck", GRID, speck), StructureType.CTV),
                RoiMask.of(new Mask("Rib", GRID, organ), StructureType.ORGAN));
        DoseGrid d = new DoseGrid(GRID, dose);

        ObjectNode json = ColdVoxels.json(d, rois, RX_GY);

        List<ColdRegion> regions = ColdRegionFinder.find(d, gtv, RX_GY, ImplantVerifier.MIN_COLD_REGION_CC);
        double listedCc = regions.stream().mapToDouble(ColdRegion::volumeCc).sum();
        double drawnCc = 0;
        for (JsonNode run : json.get("targets").get("GTV")) {
            int j = run.get(0).asInt();
            int k = run.get(1).asInt();
            for (int i = run.get(2).asInt(); i <= run.get(3).asInt(); i++) {
                assertThat(GRID.centre(i, j, k).x()).isLessThanOrEqualTo(3);
                assertThat(sphere[GRID.index(i, j, k)]).isEqualTo(1f);
                drawnCc += GRID.voxelVolumeCc();
            }
        }
        assertThat(drawnCc).isCloseTo(listedCc, within(1e-9));
        assertThat(json.get("targets").get("Speck")).as("a region under 0.005 cc is neither listed nor drawn").isEmpty();
        assertThat(json.get("targets").has("Rib")).isFalse();
        assertThat(json.get("grid").get("size").toString()).isEqualTo("[31,31,31]");
        assertThat(json.get("grid").get("originMm").toString()).isEqualTo("[-15.0,-15.0,-15.0]");
    }
}
