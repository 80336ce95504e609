package org.seedplan.outcomes.registry;

/**
 * The dose metrics of one plan of an implant (pre-operative plan or post-operative verification);
 * any field may be {@code null} when not recorded.
 *
 * @param d90Gy            minimum dose to the hottest 90 % of the PTV, Gy
 * @param d100Gy           minimum dose to the whole PTV, Gy
 * @param v100Pct          percentage of the PTV receiving at least the prescription dose
 * @param v150Pct          percentage of the PTV receiving at least 150 % of the prescription dose
 * @param homogeneityIndex HI = (V100 − V150) / V100
 * @param seedCount        number of seeds
 * @param ptvCc            PTV volume, cm³
 * @param structure        the structure (ROI name) the metrics are of; {@code null} when not recorded (never guessed). The
 *                         cohort tables carry it as {@code pre_structure} and {@code post_structure}
 */
public record Dosimetry(Double d90Gy, Double d100Gy, Double v100Pct, Double v150Pct,
                        Double homogeneityIndex, Integer seedCount, Double ptvCc, String structure) {

    /** A dosimetry record with nothing recorded. */
    public static final Dosimetry NONE = new Dosimetry(null, null, null, null, null, null, null, null);
}
