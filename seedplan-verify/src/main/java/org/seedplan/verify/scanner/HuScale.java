package org.seedplan.verify.scanner;

/**
 * The range of CT numbers a scanner stores: the 12-bit scale (−1024 … 3071 HU, where metal
 * saturates) or an extended scale of ten times the range (−10 240 … 30 710 HU, offered by
 * scanners for metal implants), values rounded to whole HU.
 */
public enum HuScale {
    /** 12-bit storage, clipped at 3071 HU. */
    CLIPPED_12_BIT(-1024, 3071),
    /** Extended CT scale, clipped at 30 710 HU. */
    EXTENDED(-10240, 30710);

    private final double minHu;
    private final double maxHu;

    HuScale(double minHu, double maxHu) {
        this.minHu = minHu;
        this.maxHu = maxHu;
    }

    /** Largest value stored, HU. */
    public double maxHu() {
        return maxHu;
    }

    /** The stored value of a reconstructed CT number: rounded and clipped to the scale. */
    public float store(double hu) {
        return (float) Math.rint(Math.max(minHu, Math.min(maxHu, hu)));
    }
}
