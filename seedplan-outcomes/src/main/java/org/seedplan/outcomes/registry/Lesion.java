package org.seedplan.outcomes.registry;

import java.util.Objects;

/**
 * A tumour lesion recorded at baseline.
 *
 * @param id                       lesion identifier, unique within the patient
 * @param organ                    organ (RECIST allows at most two target lesions per organ)
 * @param nodal                    true for a lymph node (measured in the short axis)
 * @param target                   true for a target lesion (measured), false for non-target (assessed qualitatively)
 * @param baselineDiameterMm       baseline longest diameter (short axis for nodes), mm; {@code null} for non-target lesions
 * @param baselineViableDiameterMm baseline longest diameter of the arterially enhancing part (mRECIST), mm; {@code null} if not recorded
 */
public record Lesion(String id, String organ, boolean nodal, boolean target,
                     Double baselineDiameterMm, Double baselineViableDiameterMm) {

    public Lesion {
        Objects.requireNonNull(id, "id");
        organ = organ == null ? "" : organ;
    }
}
