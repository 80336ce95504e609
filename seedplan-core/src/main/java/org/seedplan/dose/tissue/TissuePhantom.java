package org.seedplan.dose.tissue;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.seedplan.dose.montecarlo.VoxelPhantom;

/**
 * The patient's tissues on the dose grid, as the transport reads them, with what the assignment did:
 * the volume of each material, the voxels replaced around seeds and the part of the grid outside the CT.
 */
public record TissuePhantom(VoxelPhantom phantom, Map<String, Double> volumeCcByMaterial, int seedArtefactVoxels,
                            double outsideCtVolumeCc) {

    public TissuePhantom {
        volumeCcByMaterial = Map.copyOf(volumeCcByMaterial);
    }

    /** One line for reports: the materials by volume, the seed-artefact voxels and the volume outside the CT. */
    public String describe() {
        StringJoiner parts = new StringJoiner(", ");
        volumeCcByMaterial.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.1f cc", e.getKey(), e.getValue())));
        return String.format(Locale.ROOT, "tissues on the dose grid: %s; %d voxels around seeds given the surrounding tissue%s", parts,
                seedArtefactVoxels, outsideCtVolumeCc > 0
                        ? String.format(Locale.ROOT, "; %.1f cc of the grid outside the CT taken as water", outsideCtVolumeCc) : "");
    }
}
