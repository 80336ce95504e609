package org.seedplan.io;

import java.util.List;
import java.util.Locale;
import org.seedplan.dvh.Dvh;

/** Cumulative DVHs as CSV: {@code structure,dose_gy,volume_cc,volume_pct}, one row per dose bin edge. */
public final class DvhCsv {

    private DvhCsv() {
    }

    public static String write(List<Dvh> dvhs, double binWidthGy) {
        StringBuilder sb = new StringBuilder("structure,dose_gy,volume_cc,volume_pct\n");
        for (Dvh d : dvhs) {
            String name = d.name().contains(",") || d.name().contains("\"") ? "\"" + d.name().replace("\"", "\"\"") + "\"" : d.name();
            for (Dvh.Point p : d.cumulative(binWidthGy)) {
                sb.append(String.format(Locale.ROOT, "%s,%.2f,%.5f,%.4f%n", name, p.doseGy(), p.volumeCc(),
                        d.volumeCc() > 0 ? 100 * p.volumeCc() / d.volumeCc() : 0));
            }
        }
        return sb.toString();
    }
}
