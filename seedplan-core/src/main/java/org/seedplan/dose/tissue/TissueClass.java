package org.seedplan.dose.tissue;

/**
 * The tissue classes a CT voxel is sorted into, each with the TG-186 (Beaulieu et al. 2012, Table III) composition
 * the transport uses. Classes follow the voxel's mass density from the calibration curve, metal its CT number:
 * thresholds sit halfway between the ICRU 46 nominal densities of neighbouring classes. The soft-tissue class takes
 * the run's default soft tissue ({@link #DEFAULT_SOFT_TISSUE} unless the run names another); organ and target contours
 * get their own compositions ({@link StructureTissues}).
 */
public enum TissueClass {
    /** ρ &lt; 0.10 g/cm³ (about −900 HU): air in the airways, bowel gas, outside the patient. */
    AIR("air"),
    /** 0.10 ≤ ρ &lt; 0.60 g/cm³ (−900 to −420 HU): inflated lung (TG-186 Table III lung, inflated, 0.26). */
    LUNG("lung-inflated"),
    /** 0.60 ≤ ρ &lt; 0.975 g/cm³ (−420 to −50 HU): adipose tissue (TG-186 Table III mean adipose, 0.95). */
    ADIPOSE("mean-adipose"),
    /** 0.975 ≤ ρ &lt; 1.055 g/cm³ (−50 to 55 HU): soft tissue (TG-186 Table III mean male soft tissue, 1.03, by default). */
    SOFT_TISSUE("mean-male-soft-tissue"),
    /** 1.055 ≤ ρ &lt; 1.15 g/cm³ (55 to 190 HU): liver (TG-186 Table III, 1.06) and contrast-enhanced parenchyma. */
    LIVER("liver"),
    /** ρ ≥ 1.15 g/cm³ (above about 190 HU): bone, as TG-186 Table III cortical bone at the voxel's own density. */
    BONE("cortical-bone"),
    /** CT number ≥ 3000 HU (the 12-bit ceiling is 3071): clips, needles, seeds; steel at its nominal density. */
    METAL("steel");

    /** Upper density bound (g/cm³, exclusive) of AIR, LUNG, ADIPOSE, SOFT_TISSUE and LIVER. */
    static final double[] UPPER_DENSITY_G_PER_CM3 = {0.10, 0.60, 0.975, 1.055, 1.15};
    /** CT number from which a voxel is metal, HU. */
    public static final double METAL_HU = 3000;
    /**
     * The soft tissue of voxels no contour assigns when the patient's sex is not known to be female: TG-186 Table III's
     * mean male soft tissue. Table III gives a male and a female mean soft tissue; the female one has 7 % less μen/ρ at
     * 27.5 keV (more carbon, less oxygen). A run may name any other material.
     */
    public static final String DEFAULT_SOFT_TISSUE = "mean-male-soft-tissue";
    /** TG-186 Table III's mean female soft tissue: the default soft tissue of a female patient. */
    public static final String FEMALE_SOFT_TISSUE = "mean-female-soft-tissue";

    private final String material;

    TissueClass(String material) {
        this.material = material;
    }

    /** The name of the material in the Monte Carlo material library (for SOFT_TISSUE: the default soft tissue). */
    public String material() {
        return material;
    }

    /**
     * The default soft tissue for a patient of DICOM Patient Sex (0010,0040) {@code sex}: TG-186's mean female soft tissue for
     * "F", its mean male soft tissue for "M", "O", empty or null (Table III has no third row; male is the stated default).
     */
    public static String defaultSoftTissue(String sex) {
        return "F".equals(sex == null ? null : sex.trim()) ? FEMALE_SOFT_TISSUE : DEFAULT_SOFT_TISSUE;
    }

    /** The class of a voxel with CT number {@code hu} and mass density {@code densityGPerCm3}. */
    public static TissueClass of(double hu, double densityGPerCm3) {
        if (hu >= METAL_HU) {
            return METAL;
        }
        TissueClass[] all = values();
        for (int c = 0; c < UPPER_DENSITY_G_PER_CM3.length; c++) {
            if (densityGPerCm3 < UPPER_DENSITY_G_PER_CM3[c]) {
                return all[c];
            }
        }
        return BONE;
    }
}
