package org.seedplan.verify.seedfinder;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.SeedMatch;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.BenchScanSpec;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * The seed finder on the fresh acceptance sets of the third round (docs/seed-finder.md), by hand only, for a reviewer to
 * re-run: {@code mvn … -pl seedplan-verify test -Dtest=SeedFinderFreshSetRun -Dseedfinder.fresh=9400,9500,9600}. Each set
 * is 36 scans of the matrix of {@link SeedFinderOnIndependentScansTest} (slice thickness × profile × HU scale, a screw on
 * even random seeds and a stent on odd ones) from random seeds nobody tuned on; it prints each set and the pooled figure
 * with its 95 % interval (Wilson score interval of a binomial proportion: the seeds are the trials). It asserts nothing
 * about the figures: they are measurements, written down once, not a gate to tune against.
 */
@EnabledIfSystemProperty(named = "seedfinder.fresh", matches = "\\d+(,\\d+)*")
class SeedFinderFreshSetRun {

    /** The sets of the third round; earlier rounds' sets (9100, 9200, 9300) stay with {@link SeedFinderTuningRun}. */
    private static final Set<Long> FRESH_SETS = Set.of(9400L, 9500L, 9600L);
    private static final int SCANS_PER_SET = 36;
    /** The acceptance gate of {@link SeedFinderOnIndependentScansTest}, mm. */
    private static final double MATCH_GATE_MM = 2.5;

    @Test
    void printsFoundAndFalseSeedsOnTheFreshSets() {
        long truthAll = 0;
        long foundAll = 0;
        long falseAll = 0;
        for (String part : System.getProperty("seedfinder.fresh").split(",")) {
            long from = Long.parseLong(part);
            if (!FRESH_SETS.contains(from)) {
                throw new IllegalArgumentException("-Dseedfinder.fresh=" + part + " is not a fresh set of the third round:"
                        + " give 9400, 9500 or 9600 (tune on SeedFinderTuningRun's sets)");
            }
            int truth = 0;
            int found = 0;
            int falses = 0;
            int missZ = 0;
            double errorSumMm = 0;
            double angleSumDeg = 0;
            int isolated = 0;
            for (int n = 0; n < SCANS_PER_SET; n++) {
                SimulatedPostOpScan s = scan(from + n, n);
                SeedFinding f = new SeedFinder().find(s.ct());
                List<Vec3> t = s.seeds().stream().map(TrueSeed::centreMm).toList();
                List<Vec3> fc = f.seeds().stream().map(FoundSeed::centreMm).toList();
                SeedMatching m = new SeedMatcher(MATCH_GATE_MM).match(t, fc);
                truth += t.size();
                found += m.matches().size();
                falses += m.extraFound().size();
                for (SeedMatch x : m.matches()) {
                    errorSumMm += x.distanceMm();
                    TrueSeed ts = s.seeds().get(x.planned());
                    FoundSeed fs = f.seeds().get(x.found());
                    if (ts.isolated() && fs.seedsInBlob() == 1) {
                        isolated++;
                        angleSumDeg += Math.toDegrees(Math.acos(Math.min(1, Math.abs(ts.axis().dot(fs.axis())))));
                    }
                }
                // A miss with an unmatched found seed over it in-plane, beyond the gate in z only (thick slices).
                for (int i : m.missingPlanned()) {
                    Vec3 p = t.get(i);
                    if (m.extraFound().stream().map(fc::get).anyMatch(c -> Math.hypot(c.x() - p.x(), c.y() - p.y()) < 1
                            && Math.abs(c.z() - p.z()) < 3.5)) {
                        missZ++;
                    }
                }
                if (!m.missingPlanned().isEmpty() || !m.extraFound().isEmpty()) {
                    System.out.printf(Locale.ROOT, "   %d %s: %d missed %s, %d false%n", from + n, label(n),
                            m.missingPlanned().size(), m.missingPlanned().stream().map(i -> s.seeds().get(i).situation().toString()).toList(),
                            m.extraFound().size());
                }
            }
            System.out.printf(Locale.ROOT, "FRESH %d..%d: %d of %d found (%.2f %%), %d false (%.2f per 100), %d of the misses"
                            + " found as a false seed over it with z 2.5–3.5 mm off, mean centre error %.3f mm, isolated seeds' axis error %.1f°%n",
                    from, from + SCANS_PER_SET - 1, found, truth, 100.0 * found / truth, falses, 100.0 * falses / truth, missZ,
                    errorSumMm / found, angleSumDeg / isolated);
            truthAll += truth;
            foundAll += found;
            falseAll += falses;
        }
        double[] ci = wilson(foundAll, truthAll);
        double[] fi = wilson(falseAll, truthAll);
        System.out.printf(Locale.ROOT, "POOLED: %d of %d found (%.2f %%, 95 %% interval %.2f–%.2f %%), %d false (%.2f per 100,"
                        + " 95 %% interval %.2f–%.2f)%n", foundAll, truthAll, 100.0 * foundAll / truthAll, 100 * ci[0], 100 * ci[1],
                falseAll, 100.0 * falseAll / truthAll, 100 * fi[0], 100 * fi[1]);
    }

    /** Scan {@code n} of a set: the acceptance matrix cell n mod 18, a screw on even random seeds and a stent on odd ones. */
    static SimulatedPostOpScan scan(long randomSeed, int n) {
        int cell = n % 18;
        Set<DenseObject.Kind> metal = Set.of(randomSeed % 2 == 0 ? DenseObject.Kind.SCREW : DenseObject.Kind.STENT);
        return SimulatedPostOpScan.generate(BenchScanSpec.test(slice(cell), ScannerModel.typical(profile(cell), scale(cell)),
                metal, randomSeed));
    }

    private static double slice(int cell) {
        return new double[] {1.25, 2.5, 5}[cell / 6];
    }

    private static SliceProfile profile(int cell) {
        return SliceProfile.values()[(cell / 2) % 3];
    }

    private static HuScale scale(int cell) {
        return HuScale.values()[cell % 2];
    }

    private static String label(int n) {
        int cell = n % 18;
        return slice(cell) + " mm " + profile(cell) + " " + scale(cell);
    }

    /** Wilson score interval of a binomial proportion k of n at 95 % (z = 1.96). */
    static double[] wilson(long k, long n) {
        double z = 1.96;
        double p = k / (double) n;
        double d = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / d;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
        return new double[] {centre - half, centre + half};
    }
}
