package org.seedplan.outcomes.registry;

import java.util.Objects;

/**
 * One target lesion measured at one follow-up visit. A {@code null} diameter means "not evaluated";
 * RECIST 1.1 records 5 mm for a lesion too small to measure and 0 mm for one that has gone.
 *
 * @param lesionId          the lesion ({@link Lesion#id()})
 * @param diameterMm        longest diameter (short axis for nodes), mm
 * @param viableDiameterMm  longest diameter of the arterially enhancing part (mRECIST), mm
 */
public record LesionMeasurement(String lesionId, Double diameterMm, Double viableDiameterMm) {

    public LesionMeasurement {
        Objects.requireNonNull(lesionId, "lesionId");
    }
}
