package org.seedplan.verify.scanner;

/**
 * Materials of the objects on a post-operative CT with their CT numbers at an effective energy of
 * about 70 keV: (μ/μ_water − 1) × 1000 from approximate mass attenuation coefficients (NIST XCOM)
 * and densities. Real images show heavy metals lower than this (beam hardening, reconstruction);
 * the bench needs realistic contrast between materials, not exact values.
 */
public enum Material {
    /** Titanium (4.5 g/cm³): seed capsules, pedicle screws, surgical clips. */
    TITANIUM(12_000),
    /** Silver (10.5 g/cm³): the radio-opaque marker rod of 6711-type seeds. */
    SILVER(140_000),
    /** Stainless steel (7.9 g/cm³): wires. */
    STEEL(33_000),
    /** Platinum (21.4 g/cm³): embolisation coils. */
    PLATINUM(300_000),
    /** Nitinol (nickel-titanium, 6.5 g/cm³): self-expanding stents. */
    NITINOL(40_000),
    /** Calcification (hydroxyapatite in tissue). */
    CALCIFICATION(1_400);

    private final double hu;

    Material(double hu) {
        this.hu = hu;
    }

    /** CT number of the bulk material, HU. */
    public double hu() {
        return hu;
    }
}
