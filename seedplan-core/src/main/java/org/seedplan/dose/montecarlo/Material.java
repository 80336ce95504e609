package org.seedplan.dose.montecarlo;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One material: name, nominal density and elemental composition (mass fractions by atomic number Z).
 *
 * @param name the name the engine knows it by, e.g. {@code water}, {@code bone-cortical}
 * @param nominalDensityGPerCm3 the density of the reference material (a voxel may carry another density)
 * @param massFractionByZ mass fraction of each element, summing to 1
 */
public record Material(String name, double nominalDensityGPerCm3, SortedMap<Integer, Double> massFractionByZ) {

    public Material {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("material name must not be blank");
        }
        if (!(nominalDensityGPerCm3 > 0) || !Double.isFinite(nominalDensityGPerCm3)) {
            throw new IllegalArgumentException("material '" + name + "': nominal density must be positive, got "
                    + nominalDensityGPerCm3 + " g/cm3");
        }
        double sum = 0;
        for (var e : massFractionByZ.entrySet()) {
            if (e.getKey() < 1 || e.getKey() > 99 || !(e.getValue() > 0)) {
                throw new IllegalArgumentException("material '" + name + "': element Z=" + e.getKey() + " with mass fraction "
                        + e.getValue() + " is invalid: Z in 1..99, fraction positive");
            }
            sum += e.getValue();
        }
        if (Math.abs(sum - 1) > 1e-3) {
            throw new IllegalArgumentException("material '" + name + "': mass fractions sum to " + sum + ", not 1");
        }
        massFractionByZ = Collections.unmodifiableSortedMap(new TreeMap<>(massFractionByZ));
    }
}
