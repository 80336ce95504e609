package org.seedplan.report;

import java.util.Locale;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.StructureMetrics;

/** The plan metrics as a fixed-width text table for the terminal. */
public final class MetricsTable {

    private MetricsTable() {
    }

    public static String render(PlanMetrics m) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Prescription %.1f Gy; prescription isodose volume %.2f cc%n", m.prescriptionGy(),
                m.prescriptionIsodoseVolumeCc()));
        for (StructureMetrics s : m.structures()) {
            if (s.type().isTarget() && Double.isFinite(s.prescriptionGy()) && s.prescriptionGy() != m.prescriptionGy()) {
                sb.append(String.format(Locale.ROOT, "%s: its own prescription %.1f Gy (its V100%%, V150%%, V200%% and indices are"
                        + " relative to it)%n", s.name(), s.prescriptionGy()));
            }
        }
        sb.append(String.format(Locale.ROOT, "%-14s %-8s %8s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s%n", "structure", "type",
                "vol cc", "Dmin", "Dmean", "Dmax", "D90", "D100", "D2cc", "D0.1cc", "V100%", "V150%", "V200%"));
        for (StructureMetrics s : m.structures()) {
            sb.append(String.format(Locale.ROOT, "%-14s %-8s %8.2f %7.1f %7.1f %7.1f %7.1f %7.1f %7s %7s %7.1f %7.1f %7.1f%n",
                    clip(s.name()), s.type().name(), s.volumeCc(), s.dminGy(), s.dmeanGy(), s.dmaxGy(), s.dPctGy().get("90"),
                    s.dPctGy().get("100"), gy(s.dCcGy().get("2")), gy(s.dCcGy().get("0.1")), s.vPct().get("100"),
                    s.vPct().get("150"), s.vPct().get("200")));
        }
        sb.append("Doses in Gy (total dose of the permanent implant).\n");
        for (StructureMetrics s : m.structures()) {
            if (s.type().isTarget()) {
                sb.append(String.format(Locale.ROOT, "%-14s HI %s  CI(Paddick) %s  COIN %s  EI %s  MPD %s Gy%n", clip(s.name()),
                        idx(s.hi()), idx(s.ciPaddick()), idx(s.coin()), idx(s.ei()), s.mpdGy() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.mpdGy())));
            }
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() <= 14 ? s : s.substring(0, 13) + "…";
    }

    private static String gy(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String idx(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
