package org.seedplan.planning.intent;

/**
 * A dose limit for an organ at risk and the distance every needle must keep from it.
 *
 * <p>{@link Kind#DMAX}, {@link Kind#D0_1CC} and {@link Kind#D2CC} limit a dose ({@code doseGy});
 * {@link Kind#VX} limits the percentage of the organ receiving at least {@code doseGy} to
 * {@code volumePct}.
 */
public record OarLimit(String structure, Kind kind, double doseGy, double volumePct, double needleMarginMm) {

    /** Which dose-volume quantity is limited. */
    public enum Kind {
        /** Largest point dose. */
        DMAX,
        /** Minimum dose to the hottest 0.1 cc. */
        D0_1CC,
        /** Minimum dose to the hottest 2 cc. */
        D2CC,
        /** Percentage of the organ volume receiving at least the dose. */
        VX;

        /** Parses the JSON spelling: dmax, d0.1cc, d2cc, vx. */
        public static Kind parse(String s, String structure) {
            String u = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
            return switch (u) {
                case "dmax" -> DMAX;
                case "d0.1cc", "d0_1cc" -> D0_1CC;
                case "d2cc" -> D2CC;
                case "vx", "v" -> VX;
                default -> throw new IllegalArgumentException("intent: organ '" + structure + "' limit kind '" + s
                        + "' is unknown: use dmax, d0.1cc, d2cc or vx");
            };
        }
    }

    /** Default distance needles keep from an organ at risk, mm. */
    public static final double DEFAULT_NEEDLE_MARGIN_MM = 5;

    public OarLimit {
        if (structure == null || structure.isBlank()) {
            throw new IllegalArgumentException("intent: an organ limit has no 'structure': name the contoured organ at risk");
        }
        if (kind == null) {
            throw new IllegalArgumentException("intent: organ '" + structure + "' has no limit 'kind': use dmax, d0.1cc, d2cc or vx");
        }
        if (!(doseGy > 0) || !Double.isFinite(doseGy)) {
            throw new IllegalArgumentException("intent: organ '" + structure + "' dose_gy must be a positive dose in Gy, got " + doseGy);
        }
        if (kind == Kind.VX && !(volumePct >= 0 && volumePct <= 100)) {
            throw new IllegalArgumentException("intent: organ '" + structure + "' limit vx needs volume_pct in [0, 100], got " + volumePct);
        }
        if (!(needleMarginMm >= 0) || !Double.isFinite(needleMarginMm)) {
            throw new IllegalArgumentException("intent: organ '" + structure + "' needle_margin_mm must be ≥ 0 mm, got " + needleMarginMm);
        }
    }

    /** Short label of the limit, e.g. "D0.1cc ≤ 50 Gy" or "V30Gy ≤ 10 %". */
    public String label() {
        return switch (kind) {
            case DMAX -> "Dmax ≤ " + fmt(doseGy) + " Gy";
            case D0_1CC -> "D0.1cc ≤ " + fmt(doseGy) + " Gy";
            case D2CC -> "D2cc ≤ " + fmt(doseGy) + " Gy";
            case VX -> "V" + fmt(doseGy) + "Gy ≤ " + fmt(volumePct) + " %";
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
