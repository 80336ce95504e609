package org.seedplan.server.verification;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.ConnectedComponents;
import org.seedplan.geometry.Grid;
import org.seedplan.server.api.Json;
import org.seedplan.verify.comparison.ImplantVerifier;

/**
 * The voxels of the targets' cold regions for drawing on the images: the rule of seedplan-verify's
 * {@code ColdRegionFinder} (at least half inside the target, post-plan dose below the prescription, 26-connected
 * regions of at least {@link ImplantVerifier#MIN_COLD_REGION_CC}), written as runs along x on the dose grid:
 * {@code {grid: {originMm, spacingMm, size}, targets: {name: [[j, k, iFirst, iLast], …]}}}.
 */
public final class ColdVoxels {

    private ColdVoxels() {
    }

    /** The cold voxels of every target among {@code rois} under {@code dose} (on the rois' grid), as JSON. */
    public static ObjectNode json(DoseGrid dose, List<RoiMask> rois, double prescriptionGy) {
        Grid g = dose.grid();
        ObjectNode o = Json.MAPPER.createObjectNode();
        ObjectNode grid = o.putObject("grid");
        grid.putArray("originMm").add(g.originMm().x()).add(g.originMm().y()).add(g.originMm().z());
        grid.putArray("spacingMm").add(g.dxMm()).add(g.dyMm()).add(g.dzMm());
        grid.putArray("size").add(g.nx()).add(g.ny()).add(g.nz());
        ObjectNode targets = o.putObject("targets");
        float[] d = dose.doseGy();
        for (RoiMask r : rois) {
            if (!r.type().isTarget()) {
                continue;
            }
            if (!g.equals(r.mask().grid())) {
                throw new IllegalArgumentException("target '" + r.name() + "' is on another grid than the dose: rasterise it on the dose grid");
            }
            float[] f = r.mask().fraction();
            boolean[] cold = new boolean[f.length];
            for (int v = 0; v < f.length; v++) {
                cold[v] = f[v] >= 0.5f && d[v] < prescriptionGy;
            }
            boolean[] kept = new boolean[f.length];
            for (int[] region : ConnectedComponents.of(g, cold, null)) {
                double volume = 0;
                for (int v : region) {
                    volume += f[v];
                }
                if (volume * g.voxelVolumeCc() >= ImplantVerifier.MIN_COLD_REGION_CC) {
                    for (int v : region) {
                        kept[v] = true;
                    }
                }
            }
            targets.set(r.name(), runs(g, kept));
        }
        return o;
    }

    /** Runs of marked voxels along x: [j, k, first i, last i]. */
    private static ArrayNode runs(Grid g, boolean[] marked) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                int i = 0;
                while (i < g.nx()) {
                    if (!marked[g.index(i, j, k)]) {
                        i++;
                        continue;
                    }
                    int first = i;
                    while (i < g.nx() && marked[g.index(i, j, k)]) {
                        i++;
                    }
                    out.addArray().add(j).add(k).add(first).add(i - 1);
                }
            }
        }
        return out;
    }
}
