package org.seedplan.dose.tissue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.seedplan.dose.montecarlo.VoxelPhantom;

/**
 * The patient's tissues on the dose grid, as the transport reads them, with what the assignment did: the volume of each
 * material, the voxels replaced around seeds, the part of the grid outside the CT, the soft tissue of voxels no contour
 * assigns, and what each reported structure was given ({@code structures}: every target and organ, once
 * {@link #withStructures} has added those no contour rule touched).
 */
public record TissuePhantom(VoxelPhantom phantom, Map<String, Double> volumeCcByMaterial, int seedArtefactVoxels,
                            double outsideCtVolumeCc, String defaultSoftTissue, List<StructureTissue> structures) {

    public TissuePhantom {
        volumeCcByMaterial = Map.copyOf(volumeCcByMaterial);
        structures = List.copyOf(structures);
    }

    /** This phantom with {@code structures} as its structure list (the report's order). */
    public TissuePhantom withStructures(List<StructureTissue> structures) {
        return new TissuePhantom(phantom, volumeCcByMaterial, seedArtefactVoxels, outsideCtVolumeCc, defaultSoftTissue, structures);
    }

    /** The composition given to {@code structure}, if reported. */
    public java.util.Optional<StructureTissue> structure(String structure) {
        return structures.stream().filter(s -> s.structure().equals(structure)).findFirst();
    }

    /**
     * For reports: the materials by volume, the default soft tissue, the seed-artefact voxels, the volume outside the CT, and
     * the composition of every reported structure with its basis.
     */
    public String describe() {
        StringJoiner byStructure = new StringJoiner("; ");
        structures.forEach(s -> byStructure.add(s.describe()));
        return describeMaterials() + (structures.isEmpty() ? "" : ". Structures: " + byStructure);
    }

    /** {@link #describe()} without the structures (for a report that lists them as a table). */
    public String describeMaterials() {
        StringJoiner parts = new StringJoiner(", ");
        volumeCcByMaterial.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.1f cc", e.getKey(), e.getValue())));
        return String.format(Locale.ROOT, "tissues on the dose grid (TG-186 Table III compositions): %s; soft tissue no contour assigns:"
                        + " %s; %d voxels around seeds given the surrounding tissue%s", parts, defaultSoftTissue, seedArtefactVoxels,
                outsideCtVolumeCc > 0 ? String.format(Locale.ROOT, "; %.1f cc of the grid outside the CT taken as water", outsideCtVolumeCc) : "");
    }
}
