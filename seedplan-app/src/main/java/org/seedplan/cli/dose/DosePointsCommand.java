package org.seedplan.cli.dose;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.ReferenceDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Vec3;
import org.seedplan.io.SeedTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seedplan dose-points}: the physicist's independent point-dose check. Direct TG-43
 * evaluation of every seed at every point (the reference engine, no tables, no cut-off).
 */
@Command(name = "dose-points", mixinStandardHelpOptions = true,
        description = {"Compute the dose at points from seeds by direct TG-43U1 evaluation (an independent point-dose check).",
                "SEEDS.csv columns: x_mm,y_mm,z_mm,dx,dy,dz,sk_U (centre in patient mm, axis direction, air-kerma strength in U).",
                "POINTS.csv columns: x_mm,y_mm,z_mm.",
                "Prints CSV: x_mm,y_mm,z_mm,dose_rate_cGy_per_h,total_dose_Gy[,dose_Gy_first_D_days]."})
public final class DosePointsCommand implements Callable<Integer> {

    @Option(names = "--seeds", required = true, description = "seed CSV file")
    Path seedsFile;

    @Option(names = "--points", required = true, description = "point CSV file")
    Path pointsFile;

    @Option(names = "--days", description = "also print the dose delivered in the first D days (Gy)")
    Double days;

    @Mixin
    SourceOptions sourceOptions;

    @Override
    public Integer call() {
        if (days != null && !(days > 0 && Double.isFinite(days))) {
            throw new IllegalArgumentException("--days must be a positive, finite number of days, got " + days);
        }
        List<Seed> seeds = SeedTable.readSeeds(seedsFile);
        List<Vec3> points = SeedTable.readPoints(pointsFile);
        Tg43Kernel kernel = sourceOptions.kernel();
        double halfLife = sourceOptions.halfLifeDays(kernel.source());
        double totalFactor = DecayIntegral.permanent(halfLife).gyPerCGyPerH();
        Double windowFactor = null;
        if (days != null) {
            windowFactor = DecayIntegral.firstDays(halfLife, days).gyPerCGyPerH();
        }
        double[] rate = new ReferenceDoseEngine(kernel).doseRateCGyPerH(seeds, points);
        PrintStream out = System.out;
        StringBuilder sb = new StringBuilder("x_mm,y_mm,z_mm,dose_rate_cGy_per_h,total_dose_Gy");
        if (windowFactor != null) {
            sb.append(",dose_Gy_first_").append(number(days)).append("_days");
        }
        out.println(sb);
        for (int i = 0; i < points.size(); i++) {
            Vec3 p = points.get(i);
            sb.setLength(0);
            sb.append(number(p.x())).append(',').append(number(p.y())).append(',').append(number(p.z())).append(',')
                    .append(number(rate[i])).append(',').append(number(rate[i] * totalFactor));
            if (windowFactor != null) {
                sb.append(',').append(number(rate[i] * windowFactor));
            }
            out.println(sb);
        }
        warnOutsideTables(kernel, seeds, points);
        return 0;
    }

    /** Tells on stderr how many seed–point distances lie outside the tabulated data (extrapolated values). */
    private static void warnOutsideTables(Tg43Kernel kernel, List<Seed> seeds, List<Vec3> points) {
        int outside = 0;
        double maxMm = 0;
        for (Vec3 p : points) {
            for (Seed s : seeds) {
                double r = p.distanceTo(s.centreMm());
                if (kernel.outsideTables(r)) {
                    outside++;
                    maxMm = Math.max(maxMm, r);
                }
            }
        }
        if (outside > 0) {
            System.err.printf(Locale.ROOT, "seedplan dose-points: warning: %d seed-point distance(s) lie outside the %s tables"
                            + " (g %.1f-%.1f cm, F/phi_an from %.1f cm; farthest %.1f mm): those terms use the documented"
                            + " nearest-neighbour/linear extrapolation rules%n", outside, kernel.source().key(),
                    kernel.source().gLine().min(), kernel.source().gLine().max(), kernel.source().anisotropy().minRCm(), maxMm);
        }
    }

    /** Full precision without exponent noise for ordinary values. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
