package org.seedplan.dicom.rtstruct;

import java.util.List;
import java.util.Optional;
import org.seedplan.structure.Structure;

/**
 * An RT Structure Set read from a file: its SOP Instance UID, Frame of Reference UID, label, the
 * Series Instance UID of the images it was drawn on (empty when not stated) and its ROIs in file order.
 */
public record RtStructureSet(String sopInstanceUid, String frameOfReferenceUid, String label, String referencedSeriesUid,
                             List<Roi> rois) {

    public RtStructureSet {
        rois = List.copyOf(rois);
    }

    /** The ROIs that have closed contours, as seedplan structures. */
    public List<Structure> structures() {
        return rois.stream().map(Roi::structure).flatMap(Optional::stream).toList();
    }

    /** The ROI with this name (exact match first, then ignoring case). */
    public Optional<Roi> roi(String name) {
        return rois.stream().filter(r -> r.name().equals(name)).findFirst()
                .or(() -> rois.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst());
    }
}
